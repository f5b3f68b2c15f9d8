using CleanseBot.QuestionLog;

namespace CleanseBot.ContentReview;

/// <summary>
/// What a content owner reads each week, from the logged turns of a period: what the guide did not cover, grouped by
/// topic; the answers visitors rated unhelpful most often; the suggested alternates awaiting review; and per day the share of messages answered, refused, answered with "did you mean" and referred for a warning
/// sign. The insights command prints it; the admin page shows it.
/// </summary>
public sealed record InsightsReport(
    DateTimeOffset Since,
    DateTimeOffset Until,
    int Messages,
    int Conversations,
    IReadOnlyList<MessageGroup> Unanswered,
    IReadOnlyList<AnswerRatings> Unhelpful,
    IReadOnlyList<SuggestionCount> Suggestions,
    IReadOnlyList<DayRates> Days)
{
    /// <summary>Answers shown of those rated unhelpful.</summary>
    public const int TopUnhelpful = 10;

    /// <summary>Groups shown of what the guide did not cover.</summary>
    public const int TopUnanswered = 15;

    /// <summary>Wordings shown for each group.</summary>
    public const int Examples = 3;

    // The decision kinds' names, as the service logs them (src/CleanseBot.Answering/Decision.cs).
    private const string Answer = "Answer";
    private const string DidYouMean = "DidYouMean";
    private const string NotCovered = "NotCovered";
    private const string Business = "Business";

    public static InsightsReport Build(
        IReadOnlyList<LoggedTurn> turns,
        IReadOnlyList<RatedAnswer> ratings,
        IReadOnlyList<LoggedSuggestion> suggestions,
        DateTimeOffset since,
        DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(suggestions);

        var awaiting = SuggestionGroups.Awaiting(suggestions);
        var unhelpful = ratings
            .Where(static rating => rating.PairId is not null)
            .GroupBy(static rating => rating.PairId!.Value)
            .Select(static pair => new AnswerRatings(
                pair.Key,
                pair.Count(static rating => !rating.Helpful),
                pair.Count(static rating => rating.Helpful),
                [.. pair.Where(static rating => !rating.Helpful).Select(static rating => rating.Message).Distinct().Take(Examples)]))
            .Where(static pair => pair.NotHelpful > 0)
            .OrderByDescending(static pair => pair.NotHelpful)
            .ThenBy(static pair => pair.PairId)
            .Take(TopUnhelpful)
            .ToList();
        var unanswered = SimilarMessages.Group(turns.Where(static turn => turn.Decision == NotCovered).Select(static turn => turn.Message), TopUnanswered);
        var days = turns
            .GroupBy(static turn => DateOnly.FromDateTime(turn.At.UtcDateTime))
            .OrderBy(static day => day.Key)
            .Select(static day => new DayRates(
                day.Key,
                day.Count(),
                day.Count(static turn => turn.Decision == Answer),
                day.Count(static turn => turn.Decision is NotCovered or Business),
                day.Count(static turn => turn.Decision == DidYouMean),
                day.Count(static turn => turn.RedFlag is not null)))
            .ToList();
        return new InsightsReport(since, until, turns.Count, turns.Select(static turn => turn.Conversation).Distinct().Count(), unanswered, unhelpful, awaiting, days);
    }
}

/// <summary>
/// A suggested alternate question awaiting review: how many times visitors' choices made it, which kinds of choice,
/// and the id to accept it by (its first record's).
/// </summary>
public sealed record SuggestionCount(long Id, string Message, int PairId, int Count, IReadOnlyList<SuggestionSource> Sources);

/// <summary>The ratings of one answer (a pair of the knowledge), with messages it was rated unhelpful for.</summary>
public sealed record AnswerRatings(int PairId, int NotHelpful, int Helpful, IReadOnlyList<string> Examples);

/// <summary>One day's messages, and how many were answered, refused (not covered, or not what the guide is for), offered a "did you mean", or had a warning sign.</summary>
public sealed record DayRates(DateOnly Day, int Messages, int Answered, int Refused, int DidYouMean, int RedFlags);
