using CleanseBot.QuestionLog;

namespace CleanseBot.Tests.QuestionLogging;

/// <summary>A SQLite question log in a temporary folder of a test's own, and the settings that point a service at it.</summary>
internal sealed class QuestionLogFile : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly string _folder = Directory.CreateTempSubdirectory("cleansebot-questions-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "questions.db");

    public QuestionLogOptions Options => new() { ConnectionString = $"Data Source={Path}" };

    public Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "false",
            ["QuestionLog:ConnectionString"] = Options.ConnectionString,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task<List<LoggedTurn>> ReadAsync()
    {
        await using var store = QuestionLogStore.Create(Options, _folder);
        var turns = new List<LoggedTurn>();
        await foreach (var turn in store.ReadTurnsAsync(DateTimeOffset.MinValue, CancellationToken.None))
        {
            turns.Add(turn);
        }

        return turns;
    }

    /// <summary>The log once it holds at least <paramref name="count"/> turns: the service writes them in the background.</summary>
    public async Task<List<LoggedTurn>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var turns = File.Exists(Path) ? await ReadAsync() : [];
            if (turns.Count >= count || DateTime.UtcNow > deadline)
            {
                return turns;
            }

            await Task.Delay(50);
        }
    }

    // Stop the service first: the stores close their pooled connections to the file when disposed.
    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
