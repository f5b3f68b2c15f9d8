using CleanseBot.QuestionLog;

namespace CleanseBot.QuestionLogging;

/// <summary>A suggested alternate waiting in the queue, its message as typed: <see cref="ToSuggestedAlternate"/> masks it on the writer's thread.</summary>
internal sealed record PendingSuggestion(DateTimeOffset At, string Channel, string Message, int PairId, SuggestionSource Source) : QueuedRecord
{
    public SuggestedAlternate ToSuggestedAlternate()
    {
        var message = PersonalDataMask.Mask(Message);
        return new SuggestedAlternate(At, Channel, message.Length > PendingTurn.MaxLoggedLength ? message[..PendingTurn.MaxLoggedLength] : message, PairId, Source);
    }
}
