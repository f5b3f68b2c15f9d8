namespace CleanseBot.QuestionLogging;

/// <summary>
/// What <see cref="SuggestedAlternates"/> remembers of a conversation between turns, kept in its ConversationState
/// beside the dialog's memory: the last message that went without a good answer, what was offered for it, and the
/// last answer, so that a later choice or rating can say "this message should have found that pair".
/// </summary>
public sealed class AlternatesMemory
{
    /// <summary>The last message the bot did not answer well: refused, answered with "did you mean", or answered and rated not helpful.</summary>
    public string? Missed { get; set; }

    /// <summary>The pairs a "did you mean" offered for <see cref="Missed"/>.</summary>
    public List<int> Offered { get; set; } = [];

    /// <summary>The turn of the last answer, as the reply's Web Chat feedback actions name it.</summary>
    public Guid? AnsweredTurnId { get; set; }

    /// <summary>The id the channel gave the last answer's reply, as Teams' feedback names it.</summary>
    public string? AnsweredReplyId { get; set; }

    public string? AnsweredText { get; set; }

    public int? AnsweredPairId { get; set; }

    /// <summary>The candidates after the answered pair, best first: what "not helpful" offers instead.</summary>
    public List<int> NextBest { get; set; } = [];

    /// <summary>The missed message the last answer's message rephrased, if it came right after one.</summary>
    public string? RephraseOf { get; set; }
}
