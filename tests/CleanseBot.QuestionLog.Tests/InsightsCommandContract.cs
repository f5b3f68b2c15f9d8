using CleanseBot.Insights;

namespace CleanseBot.QuestionLog.Tests;

/// <summary>
/// <c>report</c> reads the log by the same QuestionLog settings as the service, from a real SQLite file
/// (<see cref="SqliteInsightsCommandTests"/>) and a real PostgreSQL server (<see cref="PostgreSqlInsightsCommandTests"/>).
/// </summary>
public abstract class InsightsCommandContract
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<QuestionLogOptions> NewLogAsync();

    [Fact]
    public async Task Reports_on_the_period_asked_from_the_log_the_settings_name()
    {
        var options = await NewLogAsync();
        await using (var store = QuestionLogStore.Create(options, AppContext.BaseDirectory))
        {
            await store.WriteAsync(
                [
                    InsightsReportTests.Turn("ten days ago about retinol", "NotCovered", at: Now.AddDays(-10)),
                    InsightsReportTests.Turn("is microneedling safe at home?", "NotCovered", at: Now.AddDays(-2)),
                    InsightsReportTests.Turn("how often should I deep cleanse?", "Answer", pairId: 4, at: Now.AddDays(-2)),
                ],
                CancellationToken.None);
        }

        var (exit, output, error) = await RunAsync("report", "--since", "7d", "--QuestionLog:Provider", options.Provider.ToString(), "--QuestionLog:ConnectionString", options.ConnectionString);

        Assert.True(exit == 0, error);
        Assert.Contains("2 messages in 1 conversations", output, StringComparison.Ordinal);
        Assert.Contains("      1  \"is microneedling safe at home?\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("retinol", output, StringComparison.Ordinal);
        Assert.Contains("2026-12-05         2     50.0%     50.0%", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_writes_the_suggestion_into_its_pairs_file_in_place_and_marks_every_record_of_it_accepted()
    {
        var options = await NewLogAsync();
        using var knowledge = new KnowledgeFolderCopy();
        var file = Path.Combine(knowledge.Folder, "05-professional-facials.qna");
        var before = await File.ReadAllTextAsync(file);
        var ids = await SuggestAsync(options, ("can steam unclog my pores at home", 503), ("Can steam unclog my pores at home ", 503), ("toner after a mask?", 407));

        var (exit, output, error) = await AcceptAsync(options, knowledge, ids[0]);

        Assert.True(exit == 0, error);
        Assert.Contains($"Suggestion {ids[0]} accepted", output, StringComparison.Ordinal);
        Assert.Contains("05-professional-facials.qna:", output, StringComparison.Ordinal);
        var last = "- I'm nervous about my first facial because I hate heat on my face. what's the steam part for\n";
        Assert.Equal(before.Replace(last, last + "- can steam unclog my pores at home\n", StringComparison.Ordinal), await File.ReadAllTextAsync(file));
        var accepted = await SuggestionsAsync(options);
        Assert.Equal([true, true, false], accepted.Select(suggestion => suggestion.Accepted));
        var (_, report, _) = await RunAsync("report", "--QuestionLog:Provider", options.Provider.ToString(), "--QuestionLog:ConnectionString", options.ConnectionString);
        Assert.DoesNotContain("can steam unclog", report, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"\"toner after a mask?\" -> pair 407 (DidYouMeanChoice)  id {ids[2]}", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_refuses_an_unknown_id_and_an_accepted_suggestion_and_writes_nothing_more()
    {
        var options = await NewLogAsync();
        using var knowledge = new KnowledgeFolderCopy();
        var ids = await SuggestAsync(options, ("can steam unclog my pores at home", 503));
        Assert.Equal(0, (await AcceptAsync(options, knowledge, ids[0])).Exit);
        var afterFirst = knowledge.Snapshot();

        var unknown = await AcceptAsync(options, knowledge, ids[0] + 1000);
        var again = await AcceptAsync(options, knowledge, ids[0]);

        Assert.Equal(1, unknown.Exit);
        Assert.Contains($"The question log has no suggestion {ids[0] + 1000}.", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, again.Exit);
        Assert.Contains("was already accepted on", again.Error, StringComparison.Ordinal);
        Assert.Equal(afterFirst, knowledge.Snapshot());
    }

    [Theory]
    [InlineData("can steam unclog my pores at home", 999, "No .qna file in")]
    [InlineData("is steam good for pores?", 503, "The knowledge already asks \"is steam good for pores\" (pair 503, 05-professional-facials.qna:")]
    [InlineData("what is deep pore cleansing", 503, "The knowledge already asks \"What is deep pore cleansing?\" (pair 101, 01-introduction.qna:")]
    public async Task Accept_refuses_a_pair_the_knowledge_lacks_or_a_question_it_already_asks_and_leaves_the_suggestion_waiting(string message, int pairId, string why)
    {
        var options = await NewLogAsync();
        using var knowledge = new KnowledgeFolderCopy();
        var ids = await SuggestAsync(options, (message, pairId));
        var before = knowledge.Snapshot();

        var (exit, output, error) = await AcceptAsync(options, knowledge, ids[0]);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(why, error, StringComparison.Ordinal);
        Assert.Equal(before, knowledge.Snapshot());
        Assert.False((await SuggestionsAsync(options)).Single().Accepted);
    }

    private static async Task<long[]> SuggestAsync(QuestionLogOptions options, params (string Message, int PairId)[] suggestions)
    {
        await using var store = QuestionLogStore.Create(options, AppContext.BaseDirectory);
        await store.WriteSuggestionsAsync([.. suggestions.Select(suggestion => new SuggestedAlternate(Now.AddDays(-1), "webchat", suggestion.Message, suggestion.PairId, SuggestionSource.DidYouMeanChoice))], CancellationToken.None);
        return [.. (await SuggestionsAsync(options)).Select(suggestion => suggestion.Id)];
    }

    private static async Task<List<LoggedSuggestion>> SuggestionsAsync(QuestionLogOptions options)
    {
        await using var store = QuestionLogStore.Create(options, AppContext.BaseDirectory);
        var suggestions = new List<LoggedSuggestion>();
        await foreach (var suggestion in store.ReadSuggestionsAsync(DateTimeOffset.MinValue, CancellationToken.None))
        {
            suggestions.Add(suggestion);
        }

        return suggestions;
    }

    private static Task<(int Exit, string Output, string Error)> AcceptAsync(QuestionLogOptions options, KnowledgeFolderCopy knowledge, long id) =>
        RunAsync("accept", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--knowledge", knowledge.Folder, "--QuestionLog:Provider", options.Provider.ToString(), "--QuestionLog:ConnectionString", options.ConnectionString);

    protected static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await InsightsCommand.RunAsync(args, output, error, new FixedClock(Now), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class SqliteInsightsCommandTests : InsightsCommandContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cleansebot-insights-").FullName;

    protected override Task<QuestionLogOptions> NewLogAsync() =>
        Task.FromResult(new QuestionLogOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "questions.db")}" });

    [Fact]
    public async Task Says_there_is_no_log_yet_rather_than_creating_one()
    {
        var missing = Path.Combine(_folder, "never-started.db");

        var (exit, _, error) = await RunAsync("report", "--QuestionLog:ConnectionString", $"Data Source={missing}");

        Assert.Equal(1, exit);
        Assert.Contains("There is no question log at", error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Theory]
    [InlineData("report", "--since", "soon")]
    [InlineData("report", "--verbose")]
    [InlineData("accept")]
    [InlineData("accept", "twelve")]
    [InlineData("accept", "12", "--since", "7d")]
    public async Task Refuses_a_command_line_it_does_not_understand(params string[] args) => Assert.Equal(2, (await RunAsync(args)).Exit);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class PostgreSqlInsightsCommandTests(PostgreSqlServer server) : InsightsCommandContract, IClassFixture<PostgreSqlServer>
{
    protected override async Task<QuestionLogOptions> NewLogAsync() =>
        new() { Provider = QuestionLogProvider.PostgreSql, ConnectionString = await server.CreateDatabaseAsync() };
}

/// <summary>A copy of the real knowledge in a folder of its own: accepting writes into it, never into knowledge/ itself.</summary>
internal sealed class KnowledgeFolderCopy : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("cleansebot-knowledge-").FullName;

    public KnowledgeFolderCopy()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "knowledge"), "*.qna"))
        {
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        }
    }

    /// <summary>Every file's bytes, by name.</summary>
    public Dictionary<string, byte[]> Snapshot() => Directory.GetFiles(Folder).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
