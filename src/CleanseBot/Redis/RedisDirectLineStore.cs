using CleanseBot.Channels.DirectLine;
using CleanseBot.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CleanseBot.Redis;

/// <summary>
/// Direct Line conversations in Redis, so that any replica serves any conversation: who it belongs to, its activities
/// in order with their sequence numbers (the watermarks), and a wake-up published on each new activity so that a
/// stream open on another replica sends it at once. Sequence numbers are given by Redis in the same script that
/// stores the activity, so a stream that reads "everything after my watermark" can never skip one that is being
/// stored. Each conversation keeps its newest DirectLine:MaxActivitiesPerConversation activities and expires after
/// DirectLine:ConversationIdleTimeout unused.
/// </summary>
internal sealed class RedisDirectLineStore(RedisConnection redis, IOptions<DirectLineOptions> options) : IDisposable
{
    private static readonly RedisChannel WakeChannel = RedisChannel.Literal("cleansebot:dl:wake");

    // Returns {created, userId, clientAddress}.
    private static readonly LuaScript CreateOrGet = LuaScript.Prepare("""
        local created = redis.call('HSETNX', @meta, 'user', @user)
        if created == 1 then redis.call('HSET', @meta, 'client', @client) end
        redis.call('PEXPIRE', @meta, @ttl)
        return {created, redis.call('HGET', @meta, 'user'), redis.call('HGET', @meta, 'client')}
        """);

    // Returns {userId, clientAddress} or nil; finding a conversation is using it.
    private static readonly LuaScript FindAndTouch = LuaScript.Prepare("""
        local found = redis.call('HMGET', @meta, 'user', 'client')
        if not found[1] then return nil end
        redis.call('PEXPIRE', @meta, @ttl)
        redis.call('PEXPIRE', @log, @ttl)
        redis.call('PEXPIRE', @sequence, @ttl)
        return found
        """);

    // The activity's JSON carries a one-off marker where its sequence number goes: the number is known only here.
    private static readonly LuaScript Append = LuaScript.Prepare("""
        local sequence = redis.call('INCR', @sequence)
        local json = string.gsub(@json, @marker, string.format('%07d', sequence), 1)
        redis.call('ZADD', @log, sequence, json)
        local count = redis.call('ZCARD', @log)
        if count > tonumber(@max) then redis.call('ZREMRANGEBYRANK', @log, 0, count - tonumber(@max) - 1) end
        redis.call('PEXPIRE', @log, @ttl)
        redis.call('PEXPIRE', @sequence, @ttl)
        redis.call('PEXPIRE', @meta, @ttl)
        redis.call('PUBLISH', @channel, @conversation)
        return sequence
        """);

    private readonly long _ttlMs = (long)options.Value.ConversationIdleTimeout.TotalMilliseconds;
    private readonly int _maxActivities = options.Value.MaxActivitiesPerConversation;
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private volatile bool _subscribed;

    /// <summary>Records the conversation if it is new; either way returns whose it is and whether it was new.</summary>
    public async Task<(bool Created, string UserId, string ClientAddress)> CreateOrGetAsync(string conversationId, string userId, string clientAddress)
    {
        var result = (RedisResult[])(await redis.RunAsync(database => database.ScriptEvaluateAsync(CreateOrGet, new
        {
            meta = Meta(conversationId),
            user = userId,
            client = clientAddress,
            ttl = _ttlMs,
        })).ConfigureAwait(false))!;
        return ((long)result[0] == 1, (string)result[1]!, (string)result[2]!);
    }

    /// <summary>Whose the conversation is, or null when Redis does not have it (never started, or expired).</summary>
    public async Task<(string UserId, string ClientAddress)?> FindAsync(string conversationId)
    {
        var result = await redis.RunAsync(database => database.ScriptEvaluateAsync(FindAndTouch, Keys(conversationId))).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var found = (RedisResult[])result!;
        return ((string)found[0]!, (string)found[1]!);
    }

    /// <summary>Stores the activity's JSON with the next sequence number in place of <paramref name="marker"/>, and wakes every replica's stream.</summary>
    /// <returns>The sequence number, which is the watermark after it.</returns>
    public async Task<long> AppendAsync(string conversationId, string json, string marker)
    {
        var result = await redis.RunAsync(database => database.ScriptEvaluateAsync(Append, new
        {
            sequence = Sequence(conversationId),
            log = Log(conversationId),
            meta = Meta(conversationId),
            json,
            marker,
            max = _maxActivities,
            ttl = _ttlMs,
            channel = WakeChannel.ToString(),
            conversation = conversationId,
        })).ConfigureAwait(false);
        return (long)result;
    }

    /// <summary>The activities after the watermark, at most <paramref name="max"/>, and the watermark to ask from next.</summary>
    public async Task<ActivityPage> AfterAsync(string conversationId, long watermark, int max)
    {
        var entries = await redis.RunAsync(database => database.SortedSetRangeByScoreWithScoresAsync(
            Log(conversationId), watermark, double.PositiveInfinity, Exclude.Start, Order.Ascending, 0, max)).ConfigureAwait(false);
        if (entries.Length == 0)
        {
            return new ActivityPage([], Math.Max(0, Math.Min(watermark, await WatermarkAsync(conversationId).ConfigureAwait(false))));
        }

        return new ActivityPage([.. entries.Select(entry => (string)entry.Element!)], (long)entries[^1].Score);
    }

    /// <summary>The watermark after the newest activity.</summary>
    public async Task<long> WatermarkAsync(string conversationId)
    {
        var value = await redis.RunAsync(database => database.StringGetAsync(Sequence(conversationId))).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    /// <summary>Keeps a conversation whose stream is open from expiring while nobody posts.</summary>
    public Task TouchAsync(string conversationId) => FindAsync(conversationId);

    /// <summary>
    /// Subscribes this replica, once, to the wake-ups of every conversation. The client re-subscribes by itself after
    /// a lost connection; wake-ups published meanwhile are made up for by the streams' own periodic look.
    /// </summary>
    public async Task EnsureWakeupsAsync(Action<string> wake)
    {
        if (_subscribed)
        {
            return;
        }

        await _subscribing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_subscribed)
            {
                await redis.RunSubscriberAsync(subscriber => subscriber.SubscribeAsync(WakeChannel, (_, conversationId) => wake(conversationId!))).ConfigureAwait(false);
                _subscribed = true;
            }
        }
        finally
        {
            _subscribing.Release();
        }
    }

    public void Dispose() => _subscribing.Dispose();

    private object Keys(string conversationId) => new
    {
        meta = Meta(conversationId),
        log = Log(conversationId),
        sequence = Sequence(conversationId),
        ttl = _ttlMs,
    };

    // One hash tag per conversation, so its keys stay together on a Redis Cluster.
    private static RedisKey Meta(string conversationId) => $"cleansebot:dl:{{{conversationId}}}:meta";

    private static RedisKey Log(string conversationId) => $"cleansebot:dl:{{{conversationId}}}:log";

    private static RedisKey Sequence(string conversationId) => $"cleansebot:dl:{{{conversationId}}}:sequence";
}
