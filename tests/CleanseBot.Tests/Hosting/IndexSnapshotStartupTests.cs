using CleanseBot.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CleanseBot.Tests.Hosting;

/// <summary>
/// A start builds the knowledge index and saves it; the next start on the same knowledge opens it instead, and
/// answers the same. A saved index that cannot be read costs a rebuild, never an answer.
/// </summary>
public sealed class IndexSnapshotStartupTests : IDisposable
{
    private const string Question = "how often should i steam my face";
    private static readonly TimeSpan SaveTimeout = TimeSpan.FromSeconds(30);

    private readonly string _knowledge = KnowledgeCopy.Make();

    [Fact]
    public async Task The_next_start_opens_the_index_the_first_start_saved_and_answers_the_same()
    {
        var (firstAnswer, firstLog) = await StartAskAndStopAsync(waitForSave: true);

        var (nextAnswer, nextLog) = await StartAskAndStopAsync(waitForSave: false);

        Assert.Contains(firstLog, entry => entry.Message.StartsWith("Knowledge index built", StringComparison.Ordinal));
        Assert.Contains(nextLog, entry => entry.Message.StartsWith("Knowledge index opened", StringComparison.Ordinal));
        Assert.DoesNotContain(nextLog, entry => entry.Message.StartsWith("Knowledge index built", StringComparison.Ordinal));
        Assert.Equal(firstAnswer, nextAnswer);
    }

    [Fact]
    public async Task A_saved_index_that_cannot_be_read_is_built_again_with_a_warning()
    {
        var (firstAnswer, _) = await StartAskAndStopAsync(waitForSave: true);
        foreach (var file in Directory.GetFiles(Path.Combine(_knowledge, ".index"), "*", SearchOption.AllDirectories))
        {
            File.WriteAllBytes(file, [1, 2, 3]);
        }

        var (nextAnswer, nextLog) = await StartAskAndStopAsync(waitForSave: false);

        Assert.Contains(nextLog, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("cannot be read; building it instead", StringComparison.Ordinal));
        Assert.Contains(nextLog, entry => entry.Message.StartsWith("Knowledge index built", StringComparison.Ordinal));
        Assert.Equal(firstAnswer, nextAnswer);
    }

    [Fact]
    public async Task With_no_snapshot_folder_set_nothing_is_saved()
    {
        var (answer, log) = await StartAskAndStopAsync(waitForSave: false, snapshotFolder: string.Empty);

        Assert.Contains(log, entry => entry.Message.StartsWith("Knowledge index built", StringComparison.Ordinal));
        Assert.DoesNotContain(log, entry => entry.Message.Contains("saved", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_knowledge, ".index")));
        Assert.NotEmpty(answer);
    }

    public void Dispose() => Directory.Delete(_knowledge, recursive: true);

    private async Task<(string Answer, IReadOnlyList<LogEntry> Log)> StartAskAndStopAsync(bool waitForSave, string? snapshotFolder = null)
    {
        var settings = new Dictionary<string, string?> { ["Knowledge:Folder"] = _knowledge };
        if (snapshotFolder is not null)
        {
            settings["Knowledge:SnapshotFolder"] = snapshotFolder;
        }

        await using var server = new CleanseBotServer(settings, services: null);
        await server.StartAndWaitUntilReadyAsync();
        using var client = server.CreateClient();
        var replies = await Inbound.RepliesToAsync(client, Inbound.ExpectingReplies(Question));
        var deadline = DateTime.UtcNow + SaveTimeout;
        while (waitForSave && !server.Logs.Entries.Any(entry => entry.Message.StartsWith("Knowledge index saved", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The index was not saved.");
            await Task.Delay(20);
        }

        return (Expect.Text(replies[0]), server.Logs.Entries);
    }
}
