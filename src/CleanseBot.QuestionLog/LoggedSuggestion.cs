namespace CleanseBot.QuestionLog;

/// <summary>
/// A suggested alternate as the log holds it: its row id, by which a content owner accepts it
/// (<c>Insights -- accept &lt;id&gt;</c> or the admin page), and when it was accepted, if it was.
/// </summary>
public sealed record LoggedSuggestion(long Id, SuggestedAlternate Suggestion, DateTimeOffset? AcceptedAt)
{
    public bool Accepted => AcceptedAt is not null;
}
