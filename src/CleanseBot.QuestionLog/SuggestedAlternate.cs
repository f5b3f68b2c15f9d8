namespace CleanseBot.QuestionLog;

/// <summary>
/// A visitor's choice that says <see cref="Message"/> (masked) should have found pair <see cref="PairId"/>: an alternate
/// question for a content owner to review and, if right, add to the pair in knowledge/.
/// </summary>
public sealed record SuggestedAlternate(DateTimeOffset At, string Channel, string Message, int PairId, SuggestionSource Source);

public enum SuggestionSource
{
    /// <summary>The visitor chose this pair among the options of a "did you mean" offered for the message.</summary>
    DidYouMeanChoice,

    /// <summary>The bot missed the message, the visitor rephrased it, and rated the answer to the rephrasing helpful.</summary>
    HelpfulAfterRephrase,
}
