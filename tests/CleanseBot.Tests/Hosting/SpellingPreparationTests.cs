using CleanseBot.Hosting;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task Start_up_work_waits_until_the_first_turn_is_over_not_only_until_its_answer_is_chosen()
    {
        // The conversation state is written late in the turn, after the answer is chosen and sent.
        var firstAnsweredWhenStateWritten = new List<bool>();
        await using var server = new CleanseBotServer(new(), services => services.AddSingleton<IStorage>(provider =>
        {
            var index = provider.GetRequiredService<KnowledgeIndexProvider>();
            return new StorageWatchingWrites(() => firstAnsweredWhenStateWritten.Add(index.FirstAnswered.IsCompleted));
        }));
        await server.StartAndWaitUntilReadyAsync();
        using var client = server.CreateClient();

        await Inbound.RepliesToAsync(client, Inbound.ExpectingReplies("how often should i steam my face"));

        Assert.Equal([false], firstAnsweredWhenStateWritten);
        await server.Services.GetRequiredService<KnowledgeIndexProvider>().FirstAnswered.WaitAsync(Timeout);
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

    private sealed class StorageWatchingWrites(Action written) : IStorage
    {
        private readonly MemoryStorage _inner = new();

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        {
            written();
            return _inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => _inner.DeleteAsync(keys, cancellationToken);
    }
}
