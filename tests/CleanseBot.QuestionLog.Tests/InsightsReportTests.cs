using CleanseBot.ContentReview;
using CleanseBot.Insights;

namespace CleanseBot.QuestionLog.Tests;

/// <summary>What a content owner reads in the report, from turns of a known week.</summary>
public sealed class InsightsReportTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Groups_unanswered_messages_that_ask_the_same_thing_and_counts_them()
    {
        var turns = new List<LoggedTurn>
        {
            Turn("Is microneedling safe at home?", "NotCovered"),
            Turn("is microneedling  safe at home?", "NotCovered"),
            Turn("home microneedling, is it safe?", "NotCovered"),
            Turn("can I do dermaplaning myself", "NotCovered"),
            Turn("how often should I deep cleanse?", "Answer", pairId: 3),
        };

        var report = InsightsReport.Build(turns, [], [], Monday.AddDays(-7), Monday);

        Assert.Equal(2, report.Unanswered.Count);
        Assert.Equal(3, report.Unanswered[0].Count);
        Assert.Equal("Is microneedling safe at home?", report.Unanswered[0].Wordings[0]);
        Assert.Contains("home microneedling, is it safe?", report.Unanswered[0].Wordings);
        Assert.Equal(1, report.Unanswered[1].Count);
        Assert.Equal(["can I do dermaplaning myself"], report.Unanswered[1].Wordings);
    }

    [Fact]
    public void Gives_each_day_its_answer_refusal_did_you_mean_and_red_flag_rates()
    {
        var turns = new List<LoggedTurn>
        {
            Turn("a", "Answer", pairId: 1),
            Turn("b", "Answer", pairId: 2),
            Turn("c", "NotCovered"),
            Turn("d", "Business"),
            Turn("e", "DidYouMean", at: Monday.AddDays(1)),
            Turn("f", "RedFlag", redFlag: "Infection", at: Monday.AddDays(1)),
        };

        var report = InsightsReport.Build(turns, [], [], Monday.AddDays(-7), Monday.AddDays(2));

        Assert.Equal(
            [new DayRates(new DateOnly(2026, 11, 30), 4, 2, 2, 0, 0), new DayRates(new DateOnly(2026, 12, 1), 2, 0, 0, 1, 1)],
            report.Days);
        var printed = Print(report);
        Assert.Contains("2026-11-30         4     50.0%     50.0%          0.0%      0.0%", printed, StringComparison.Ordinal);
        Assert.Contains("2026-12-01         2      0.0%      0.0%         50.0%     50.0%", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Prints_the_groups_with_their_counts_and_other_wordings()
    {
        var turns = new List<LoggedTurn>
        {
            Turn("is microneedling safe at home?", "NotCovered"),
            Turn("Is microneedling safe at home?", "NotCovered"),
            Turn("home microneedling safe?", "NotCovered"),
        };

        var printed = Print(InsightsReport.Build(turns, [], [], Monday.AddDays(-7), Monday));

        Assert.Contains("      3  \"is microneedling safe at home?\"", printed, StringComparison.Ordinal);
        Assert.Contains("also \"home microneedling safe?\"", printed, StringComparison.Ordinal);
        Assert.Contains("3 messages in 1 conversations", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_the_answers_rated_not_helpful_most_often_with_what_was_asked()
    {
        var ratings = new List<RatedAnswer>
        {
            new(Monday, false, 12, "does steaming open pores?"),
            new(Monday, false, 12, "steam opens pores?"),
            new(Monday, true, 12, "is steam good"),
            new(Monday, false, 30, "what toner"),
            new(Monday, true, 7, "how often to exfoliate"),
        };

        var report = InsightsReport.Build([], ratings, [], Monday.AddDays(-7), Monday);

        Assert.Equal([12, 30], report.Unhelpful.Select(answer => answer.PairId));
        Assert.Equal((2, 1), (report.Unhelpful[0].NotHelpful, report.Unhelpful[0].Helpful));
        Assert.Equal(["does steaming open pores?", "steam opens pores?"], report.Unhelpful[0].Examples);
        Assert.Contains("pair   12: 2 not helpful / 1 helpful", Print(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_each_suggestion_once_however_many_visitors_made_it()
    {
        var suggestions = new List<LoggedSuggestion>
        {
            new(1, new(Monday, "webchat", "can steam unclog pores", 12, SuggestionSource.DidYouMeanChoice), null),
            new(2, new(Monday, "msteams", "Can steam unclog pores ", 12, SuggestionSource.HelpfulAfterRephrase), null),
            new(3, new(Monday, "webchat", "toner after mask?", 30, SuggestionSource.DidYouMeanChoice), null),
        };

        var report = InsightsReport.Build([], [], suggestions, Monday.AddDays(-7), Monday);

        Assert.Equal(2, report.Suggestions.Count);
        Assert.Equal((1L, "can steam unclog pores", 12, 2), (report.Suggestions[0].Id, report.Suggestions[0].Message, report.Suggestions[0].PairId, report.Suggestions[0].Count));
        Assert.Contains("      2  \"can steam unclog pores\" -> pair 12 (DidYouMeanChoice, HelpfulAfterRephrase)  id 1", Print(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_out_a_suggestion_once_it_is_accepted_however_often_it_was_made()
    {
        var suggestions = new List<LoggedSuggestion>
        {
            new(1, new(Monday, "webchat", "can steam unclog pores", 12, SuggestionSource.DidYouMeanChoice), Monday.AddDays(1)),
            new(2, new(Monday.AddDays(2), "webchat", "can steam unclog pores", 12, SuggestionSource.DidYouMeanChoice), null),
            new(3, new(Monday, "webchat", "toner after mask?", 30, SuggestionSource.DidYouMeanChoice), null),
        };

        var report = InsightsReport.Build([], [], suggestions, Monday.AddDays(-7), Monday.AddDays(3));

        Assert.Equal([3L], report.Suggestions.Select(suggestion => suggestion.Id));
    }

    [Theory]
    [InlineData("7d", -7 * 24)]
    [InlineData("24h", -24)]
    [InlineData("90d", -90 * 24)]
    public void Reads_a_period_back_from_now(string text, int hours)
    {
        Assert.True(ReportPeriod.TryParseSince(text, Monday, out var since));
        Assert.Equal(Monday.AddHours(hours), since);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("week")]
    [InlineData("-3d")]
    public void Refuses_a_period_it_cannot_read(string text) => Assert.False(ReportPeriod.TryParseSince(text, Monday, out _));

    internal static LoggedTurn Turn(string message, string decision, int? pairId = null, string? redFlag = null, DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), at ?? Monday, "webchat", "c0ffee", message, decision, pairId, pairId is null ? null : 0.8, redFlag, TimeSpan.FromMilliseconds(3));

    private static string Print(InsightsReport report)
    {
        using var output = new StringWriter();
        report.Print(output);
        return output.ToString();
    }
}
