using CleanseBot.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CleanseBot.Redis;

/// <summary>
/// The per-conversation message limit counted in Redis, so that a burst spread over several replicas meets the
/// same limit as one sent to a single replica. A sliding window of one minute in six ten-second segments, as the
/// in-process limiter has; the count and the check are one script, so replicas counting at once cannot both slip
/// under the limit, and the clock is Redis's own, so replicas' clocks need not agree.
/// </summary>
internal sealed class SharedMessageCounter(RedisConnection redis, IOptions<RateLimitingOptions> options)
{
    private const string KeyPrefix = "cleansebot:rate:";
    private const int Segments = 6;
    private const long SegmentMs = 10_000;

    // Returns -1 when the message is counted, otherwise the milliseconds until the oldest counted segment leaves the window.
    private static readonly LuaScript CountOrRefuse = LuaScript.Prepare("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local segment = math.floor(now / tonumber(@segmentMs))
        local total = 0
        local oldest = nil
        for back = tonumber(@segments) - 1, 0, -1 do
          local count = tonumber(redis.call('GET', @key .. ':' .. (segment - back)) or '0')
          if count > 0 and not oldest then oldest = segment - back end
          total = total + count
        end
        if total >= tonumber(@limit) then
          return (oldest + tonumber(@segments)) * tonumber(@segmentMs) - now
        end
        local current = @key .. ':' .. segment
        redis.call('INCR', current)
        redis.call('PEXPIRE', current, tonumber(@segmentMs) * (tonumber(@segments) + 1))
        return -1
        """);

    private readonly int _limit = options.Value.MessagesPerConversationPerMinute;

    /// <summary>Null when the message may go ahead (and it is counted); otherwise how long to wait.</summary>
    public async Task<TimeSpan?> RejectAsync(string conversationId)
    {
        var result = (long)await redis.RunAsync(database => database.ScriptEvaluateAsync(CountOrRefuse, new
        {
            key = KeyPrefix + conversationId,
            segmentMs = SegmentMs,
            segments = Segments,
            limit = _limit,
        })).ConfigureAwait(false);
        return result < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(result, 1000));
    }
}
