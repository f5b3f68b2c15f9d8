using CleanseBot.Knowledge.Concepts;
using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Answering;

/// <summary>What the bot decided to do with one message, before it is phrased for a channel.</summary>
public sealed record Decision(DecisionKind Kind)
{
    /// <summary>The answer (for <see cref="DecisionKind.Answer"/>, and for a red flag when the guide also has something relevant).</summary>
    public QnaPair? Pair { get; init; }

    /// <summary>The options offered by <see cref="DecisionKind.DidYouMean"/>, best first.</summary>
    public IReadOnlyList<QnaPair> Choices { get; init; } = [];

    /// <summary>Follow-up questions to offer after an answer.</summary>
    public IReadOnlyList<QnaPair> Related { get; init; } = [];

    public RedFlag? RedFlag { get; init; }

    /// <summary>
    /// A warning-sign rule the message matched that the learned model overruled as almost surely calm
    /// (Answering:WarningSignVeto), for the trace shown to support staff: why a message that reads like a warning sign
    /// was not referred.
    /// </summary>
    public ConceptMatch? OverruledSign { get; init; }

    /// <summary>For a message out of the guide's scope (<see cref="DecisionKind.Business"/>, or a dose refused as not covered), what it was read as.</summary>
    public ConceptMatch? OutOfScope { get; init; }

    /// <summary>The search behind the decision, for the trace shown to support staff; null when no search ran.</summary>
    public SearchResult? Search { get; init; }

    /// <summary>What was searched for when it differs from the message (a follow-up joined with the previous topic).</summary>
    public string? SearchedText { get; init; }

    /// <summary>The part of the guide the conversation was in, when a follow-up's candidates from it were preferred.</summary>
    public string? PreferredSection { get; init; }

    public int MessageLength { get; init; }

    /// <summary>How long deciding took, from the warning-sign reading to the ranking, for the service's metrics.</summary>
    public TimeSpan DecidedIn { get; init; }

    /// <summary>Whether the message asked a yes-or-no question: only then does an answer keep the "Yes." it opens with.</summary>
    public bool AskedYesOrNo { get; init; }
}

public enum DecisionKind
{
    Empty,
    TooLong,
    Help,
    Greeting,
    Thanks,
    Answer,
    DidYouMean,
    NoneOfThese,
    NothingMore,
    NotCovered,
    RedFlag,

    /// <summary>A price, a booking, opening hours, an order, a person to talk to: what the guide is not for.</summary>
    Business,
}
