using CleanseBot.QuestionLog;

namespace CleanseBot.QuestionLogging;

/// <summary>A visitor's rating waiting in the queue; it holds nothing the visitor typed.</summary>
internal sealed record PendingFeedback(VisitorFeedback Feedback) : QueuedRecord;
