namespace CleanseBot.QuestionLog;

/// <summary>
/// A visitor's "helpful" or "not helpful" on one of the bot's answers. It names its turn by <see cref="TurnId"/> when
/// the channel sends back what the bot put in the reply (Web Chat), or by <see cref="ReplyId"/>, the id the channel gave
/// the reply (Teams); the report joins it to the logged turn either way.
/// </summary>
public sealed record VisitorFeedback(DateTimeOffset At, string Channel, Guid? TurnId, string? ReplyId, bool Helpful);

/// <summary>Feedback joined to the turn it is about: what was asked (masked) and which answer was given.</summary>
public sealed record RatedAnswer(DateTimeOffset At, bool Helpful, int? PairId, string Message);
