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
    public async Task Refuses_a_command_line_it_does_not_understand(params string[] args) => Assert.Equal(2, (await RunAsync(args)).Exit);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class PostgreSqlInsightsCommandTests(PostgreSqlServer server) : InsightsCommandContract, IClassFixture<PostgreSqlServer>
{
    protected override async Task<QuestionLogOptions> NewLogAsync() =>
        new() { Provider = QuestionLogProvider.PostgreSql, ConnectionString = await server.CreateDatabaseAsync() };
}
