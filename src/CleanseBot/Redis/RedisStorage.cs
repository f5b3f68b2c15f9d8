using CleanseBot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using StackExchange.Redis;

namespace CleanseBot.Redis;

/// <summary>
/// Bot Framework state in Redis, shared by every replica and kept across restarts: the SDK's MemoryStorage contract
/// (values round-trip with their types; an <see cref="IStoreItem"/> written with a stale ETag other than "*" fails
/// with the exception MemoryStorage throws), and a conversation unused for ConversationState:IdleTimeout expires.
/// Each key is one hash: its JSON and, for store items, its ETag; the check and the write are one script, so two
/// replicas writing at once cannot both win.
/// </summary>
internal sealed class RedisStorage(RedisConnection redis, IOptions<ConversationStateOptions> options) : IStorage
{
    private const string KeyPrefix = "cleansebot:state:";

    // Reading a conversation's state is using it: the idle clock starts again.
    private static readonly LuaScript Read = LuaScript.Prepare("""
        local json = redis.call('HGET', @key, 'json')
        if json then redis.call('PEXPIRE', @key, @ttl) end
        return json
        """);

    // Returns the ETag in Redis when it is not the one expected, nil when written.
    private static readonly LuaScript Write = LuaScript.Prepare("""
        if @check == '1' then
          local current = redis.call('HGET', @key, 'etag')
          if current and current ~= @expected then return current end
        end
        redis.call('HSET', @key, 'json', @json)
        if @etag == '' then redis.call('HDEL', @key, 'etag') else redis.call('HSET', @key, 'etag', @etag) end
        redis.call('PEXPIRE', @key, @ttl)
        return nil
        """);

    // As MemoryStorage's: every value keeps its type, so ConversationState reads back what it wrote.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.All,
        SerializationBinder = StateTypes.Instance,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
    });

    private readonly long _ttlMs = (long)options.Value.IdleTimeout.TotalMilliseconds;

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var json = await redis.RunAsync(database => database.ScriptEvaluateAsync(Read, new { key = (RedisKey)(KeyPrefix + key), ttl = _ttlMs })).ConfigureAwait(false);
            if (!json.IsNull)
            {
                // Straight from the text: a JObject in between (as MemoryStorage has) is a second copy of the state for nothing.
                using var reader = new JsonTextReader(new StringReader((string)json!));
                items[key] = Serializer.Deserialize<object>(reader)!;
            }
        }

        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, value) in changes)
        {
            var storeItem = value as IStoreItem;
            var etag = storeItem is null ? "" : Guid.NewGuid().ToString("N");

            // MemoryStorage checks every store item but one written with "*", the SDK's "whatever is there".
            var check = storeItem is not null && storeItem.ETag != "*";
            var current = await redis.RunAsync(database => database.ScriptEvaluateAsync(Write, new
            {
                key = (RedisKey)(KeyPrefix + key),
                check = check ? "1" : "0",
                expected = storeItem?.ETag ?? "",
                json = Json(value, storeItem is null ? null : etag),
                etag,
                ttl = _ttlMs,
            })).ConfigureAwait(false);
            if (!current.IsNull)
            {
                throw EtagConflict(storeItem!.ETag, (string?)current);
            }
        }
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var redisKeys = keys.Select(key => (RedisKey)(KeyPrefix + key)).ToArray();
        return redis.RunAsync(database => database.KeyDeleteAsync(redisKeys));
    }

    // The conversation state (a dictionary, not a store item) is written straight to text; a store item goes through a
    // JObject, as in MemoryStorage, to carry its new ETag without changing the caller's object.
    private static string Json(object value, string? etag)
    {
        if (etag is null)
        {
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Serializer.Serialize(text, value);
            return text.ToString();
        }

        var json = JObject.FromObject(value, Serializer);
        json["eTag"] = etag;
        return json.ToString(Formatting.None);
    }

    // The SDK's IStorage contract has no exception type of its own; callers written against MemoryStorage (which
    // throws an ArgumentException with this message) must see the same here.
    private static ArgumentException EtagConflict(string? original, string? current) =>
        new($"Etag conflict.\r\n\r\nOriginal: {original}\r\nCurrent: {current}");
}
