using CleanseBot.Answering;
using CleanseBot.Hosting;
using CleanseBot.Redis;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CleanseBot.Tests.Replicas;

/// <summary>
/// The Bot Framework storage in Redis keeps the SDK's IStorage contract as MemoryStorage keeps it, on a real
/// redis-server: values come back as they were written, a stale ETag loses, and idle state expires.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class RedisStorageTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RedisConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = new RedisConnection(Options.Create(new RedisOptions { Configuration = _redis.Configuration }));
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Fails_a_write_with_a_stale_ETag_as_MemoryStorage_does()
    {
        var memoryError = await StaleWriteErrorAsync(new MemoryStorage());
        var redisError = await StaleWriteErrorAsync(Storage());

        Assert.NotNull(memoryError);
        Assert.NotNull(redisError);
        Assert.True(memoryError.GetType() == redisError.GetType(), $"MemoryStorage threw {memoryError}\nRedisStorage threw {redisError}");
        Assert.StartsWith("Etag conflict.", redisError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_over_any_ETag_with_a_star_and_over_nothing_with_any()
    {
        var storage = Storage();
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new StoreItem { Value = "first", ETag = "never-written" } });
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new StoreItem { Value = "second", ETag = "*" } });

        var read = (StoreItem)(await storage.ReadAsync(["item"]))["item"];

        Assert.Equal("second", read.Value);
        Assert.False(string.IsNullOrEmpty(read.ETag));
    }

    [Fact]
    public async Task Keeps_a_conversation_for_the_idle_timeout_and_starts_it_again_at_each_use()
    {
        var storage = Storage(TimeSpan.FromMinutes(30));
        await storage.WriteAsync(new Dictionary<string, object> { ["conversation"] = new Dictionary<string, object> { ["n"] = 1 } });
        var database = (await ConnectionMultiplexer.ConnectAsync(_redis.Configuration)).GetDatabase();
        await database.KeyExpireAsync("cleansebot:state:conversation", TimeSpan.FromMinutes(1));

        await storage.ReadAsync(["conversation"]);
        var ttl = await database.KeyTimeToLiveAsync("cleansebot:state:conversation");

        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task Gives_another_process_the_follow_up_memory_one_wrote()
    {
        var conversation = new ConversationReference { ChannelId = "test", Conversation = new ConversationAccount(id: "c1"), Bot = new ChannelAccount("bot"), User = new ChannelAccount("user") };
        var adapter = new TestAdapter(conversation);
        var writer = new ConversationState(Storage());
        var turn = new TurnContext(adapter, conversation.GetContinuationActivity());
        var memory = await writer.CreateProperty<ConversationMemory>(nameof(ConversationMemory)).GetAsync(turn, () => new ConversationMemory());
        memory.Remember(407);
        await writer.SaveChangesAsync(turn);

        // A new storage and state, as another replica or the service after a restart has.
        var reader = new ConversationState(Storage());
        var nextTurn = new TurnContext(adapter, conversation.GetContinuationActivity());
        var remembered = await reader.CreateProperty<ConversationMemory>(nameof(ConversationMemory)).GetAsync(nextTurn, () => new ConversationMemory());

        Assert.Equal(407, remembered.LastPairId);
        Assert.Equal([407], remembered.AnsweredPairIds);
    }

    [Fact]
    public async Task Refuses_to_read_state_that_names_a_type_outside_the_bot()
    {
        var database = (await ConnectionMultiplexer.ConnectAsync(_redis.Configuration)).GetDatabase();
        await database.HashSetAsync("cleansebot:state:forged", "json", """{"$type":"System.IO.FileInfo, System.Private.CoreLib","fileName":"/etc/passwd"}""");

        await Assert.ThrowsAsync<Newtonsoft.Json.JsonSerializationException>(() => Storage().ReadAsync(["forged"]));
    }

    [Fact]
    public async Task Says_Redis_is_unavailable_within_the_timeout_when_it_is_gone()
    {
        var storage = Storage();
        await storage.WriteAsync(new Dictionary<string, object> { ["before"] = new StoreItem() });
        await _redis.StopAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<SharedStateUnavailableException>(() => storage.ReadAsync(["before"]));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"Took {started.Elapsed}.");
    }

    private RedisStorage Storage(TimeSpan? idleTimeout = null) =>
        new(_connection, Options.Create(new ConversationStateOptions { IdleTimeout = idleTimeout ?? TimeSpan.FromMinutes(30) }));

    private static async Task<Exception?> StaleWriteErrorAsync(IStorage storage)
    {
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new StoreItem { Value = "first" } });
        var read = (StoreItem)(await storage.ReadAsync(["item"]))["item"];
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new StoreItem { Value = "second", ETag = read.ETag } });
        try
        {
            await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new StoreItem { Value = "stale", ETag = read.ETag } });
            return null;
        }
#pragma warning disable CA1031 // Whatever it throws is what is compared.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return error;
        }
    }

    /// <summary>An IStoreItem of the test's own, as a bot's state class would be.</summary>
    public sealed class StoreItem : IStoreItem
    {
        public string? Value { get; set; }

        public string ETag { get; set; } = null!;
    }
}
