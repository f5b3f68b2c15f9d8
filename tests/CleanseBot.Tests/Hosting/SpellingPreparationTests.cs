using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Hosting;

/// <summary>
/// The spelling corrector's dictionary is start-up work that most first messages do not need, so the service builds
/// it once the first message is answered, not beside that answer; a service nobody writes to builds it soon anyway.
/// </summary>
public sealed class SpellingPreparationTests
{
    private const string Prepared = "Spelling corrector ready";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_spelling_corrector_is_built_after_the_first_answer_not_while_the_service_starts()
    {
        await using var server = new CleanseBotServer();
        await server.StartAndWaitUntilReadyAsync();

        // Long enough for a dictionary built at start-up to be done; the service waits for the first answer instead.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var loggedBeforeTheMessage = server.Logs.Entries.Count;
        using var client = server.CreateClient();
        await Inbound.RepliesToAsync(client, Inbound.ExpectingReplies("how often should i steam my face"));
        var entries = await WaitForAsync(server, Prepared);

        Assert.True(
            entries.FindIndex(entry => entry.Message.StartsWith(Prepared, StringComparison.Ordinal)) >= loggedBeforeTheMessage,
            "The spelling corrector was built before the first message was answered.");
    }

    [Fact]
    public async Task With_no_message_the_spelling_corrector_is_built_within_seconds_of_the_start()
    {
        await using var server = new CleanseBotServer();
        await server.StartAndWaitUntilReadyAsync();

        var entries = await WaitForAsync(server, Prepared);

        Assert.Single(entries, entry => entry.Message.StartsWith(Prepared, StringComparison.Ordinal));
    }

    private static async Task<List<LogEntry>> WaitForAsync(CleanseBotServer server, string message)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var entries = server.Logs.Entries.ToList();
            if (entries.Exists(entry => entry.Message.StartsWith(message, StringComparison.Ordinal)))
            {
                return entries;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Nothing logged \"{message}\".");
            await Task.Delay(20);
        }
    }
}
