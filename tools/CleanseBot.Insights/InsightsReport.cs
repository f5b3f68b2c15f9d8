using System.Globalization;
using CleanseBot.QuestionLog;

namespace CleanseBot.Insights;

/// <summary>
/// What a content owner reads each week, from the logged turns of a period: what the guide did not cover, grouped by
/// topic; the answers visitors rated unhelpful most often; the suggested alternates awaiting review; and per day the share of messages answered, refused, answered with "did you mean" and referred for a warning
/// sign.
/// </summary>
internal sealed record InsightsReport(
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
        IReadOnlyList<SuggestedAlternate> suggestions,
        DateTimeOffset since,
        DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(suggestions);

        // The same message suggested for the same pair by several visitors is one suggestion, stronger for it.
        var awaiting = suggestions
            .GroupBy(static suggestion => (Message: suggestion.Message.Trim().ToLowerInvariant(), suggestion.PairId))
            .Select(static same => new SuggestionCount(same.First().Message.Trim(), same.Key.PairId, same.Count(), same.Select(static suggestion => suggestion.Source).Distinct().Order().ToList()))
            .OrderByDescending(static suggestion => suggestion.Count)
            .ThenBy(static suggestion => suggestion.PairId)
            .ToList();
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

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"CleanseBot insights, {Since:yyyy-MM-dd HH:mm} to {Until:yyyy-MM-dd HH:mm} UTC: {Messages:N0} messages in {Conversations:N0} conversations"));
        output.WriteLine();

        output.WriteLine("Top unanswered messages (the guide does not cover them), grouped by similarity");
        if (Unanswered.Count == 0)
        {
            output.WriteLine("  none");
        }

        foreach (var group in Unanswered)
        {
            output.WriteLine(string.Create(culture, $"  {group.Count,5}  \"{group.Wordings[0]}\""));
            foreach (var wording in group.Wordings.Skip(1).Take(Examples - 1))
            {
                output.WriteLine($"         also \"{wording}\"");
            }
        }

        output.WriteLine();
        output.WriteLine("Answers most often rated not helpful (pair id in knowledge/, not helpful / helpful)");
        if (Unhelpful.Count == 0)
        {
            output.WriteLine("  none");
        }

        foreach (var answer in Unhelpful)
        {
            output.WriteLine(string.Create(culture, $"  pair {answer.PairId,4}: {answer.NotHelpful} not helpful / {answer.Helpful} helpful"));
            foreach (var message in answer.Examples)
            {
                output.WriteLine($"         asked \"{message}\"");
            }
        }

        output.WriteLine();
        output.WriteLine("Suggestions awaiting review (this message should find this pair: add it as an alternate question)");
        if (Suggestions.Count == 0)
        {
            output.WriteLine("  none");
        }

        foreach (var suggestion in Suggestions)
        {
            output.WriteLine(string.Create(culture, $"  {suggestion.Count,5}  \"{suggestion.Message}\" -> pair {suggestion.PairId} ({string.Join(", ", suggestion.Sources)})"));
        }

        output.WriteLine();
        output.WriteLine("Rates per day (share of that day's messages)");
        output.WriteLine("  day         messages  answered   refused  did you mean  red flag");
        foreach (var day in Days)
        {
            output.WriteLine(string.Create(culture,
                $"  {day.Day:yyyy-MM-dd} {day.Messages,9:N0} {Share(day.Answered, day.Messages),9} {Share(day.Refused, day.Messages),9} {Share(day.DidYouMean, day.Messages),13} {Share(day.RedFlags, day.Messages),9}"));
        }

        if (Days.Count == 0)
        {
            output.WriteLine("  no messages in this period");
        }
    }

    // "50.0%": the invariant culture's percent format would write "50.0 %".
    private static string Share(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>A suggested alternate question: how many times visitors' choices made it, and which kinds of choice.</summary>
internal sealed record SuggestionCount(string Message, int PairId, int Count, IReadOnlyList<SuggestionSource> Sources);

/// <summary>The ratings of one answer (a pair of the knowledge), with messages it was rated unhelpful for.</summary>
internal sealed record AnswerRatings(int PairId, int NotHelpful, int Helpful, IReadOnlyList<string> Examples);

/// <summary>One day's messages, and how many were answered, refused (not covered, or not what the guide is for), offered a "did you mean", or had a warning sign.</summary>
internal sealed record DayRates(DateOnly Day, int Messages, int Answered, int Refused, int DidYouMean, int RedFlags);
