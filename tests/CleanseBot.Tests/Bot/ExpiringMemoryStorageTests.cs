using CleanseBot.Bot;
using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Tests.Bot;

/// <summary>The bot's conversation memory stays bounded: idle conversations and the least recently used beyond the maximum are forgotten.</summary>
public sealed class ExpiringMemoryStorageTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task Remembers_a_conversation_that_is_still_in_use()
    {
        var storage = Storage(idleTimeout: TimeSpan.FromMinutes(30), maxConversations: 100);
        await WriteAsync(storage, "a");

        _clock.Advance(TimeSpan.FromMinutes(20));
        await WriteAsync(storage, "b");

        Assert.True(await HasAsync(storage, "a"));
    }

    [Fact]
    public async Task Forgets_a_conversation_idle_for_longer_than_the_timeout()
    {
        var storage = Storage(idleTimeout: TimeSpan.FromMinutes(30), maxConversations: 100);
        await WriteAsync(storage, "a");

        _clock.Advance(TimeSpan.FromMinutes(31));
        await WriteAsync(storage, "b");

        Assert.False(await HasAsync(storage, "a"));
        Assert.True(await HasAsync(storage, "b"));
    }

    [Fact]
    public async Task Forgets_the_least_recently_used_conversations_beyond_the_maximum()
    {
        var storage = Storage(idleTimeout: TimeSpan.FromDays(1), maxConversations: 100);
        for (var i = 0; i < 101; i++)
        {
            await WriteAsync(storage, $"conversation-{i}");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.False(await HasAsync(storage, "conversation-0"));
        Assert.True(await HasAsync(storage, "conversation-100"));
    }

    private ExpiringMemoryStorage Storage(TimeSpan idleTimeout, int maxConversations) =>
        new(Options.Create(new ConversationStateOptions { IdleTimeout = idleTimeout, MaxConversations = maxConversations }), _clock);

    private static Task WriteAsync(ExpiringMemoryStorage storage, string key) =>
        storage.WriteAsync(new Dictionary<string, object> { [key] = new Dictionary<string, object> { ["lastPairId"] = 801 } });

    // Reading counts as use, so each test reads only after the writes whose sweeping it checks.
    private static async Task<bool> HasAsync(ExpiringMemoryStorage storage, string key) =>
        (await storage.ReadAsync([key])).ContainsKey(key);

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
