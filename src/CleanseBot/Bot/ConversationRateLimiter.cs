using System.Threading.RateLimiting;
using CleanseBot.Hosting;
using CleanseBot.Redis;
using CleanseBot.Telemetry;
using Microsoft.Extensions.Options;

namespace CleanseBot.Bot;

/// <summary>
/// Limits how fast one conversation may send messages. It sits behind the body parsing (the conversation id is
/// inside the activity), where the per-address limit of the ASP.NET Core middleware cannot see.
/// Idle conversations' limiters are dropped by the partitioned limiter itself, so memory stays bounded.
/// With Redis on, the count is kept there instead (<see cref="SharedMessageCounter"/>), shared by every replica.
/// </summary>
internal sealed class ConversationRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly SharedMessageCounter? _shared;
    private readonly CleanseBotMetrics _metrics;

    public ConversationRateLimiter(IOptions<RateLimitingOptions> options, CleanseBotMetrics metrics, SharedMessageCounter? shared = null)
    {
        _metrics = metrics;
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        if (shared is not null)
        {
            _shared = shared;
            return;
        }

        _limiter = PartitionedRateLimiter.Create<string, string>(conversationId => RateLimitPartition.GetSlidingWindowLimiter(
            conversationId,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.MessagesPerConversationPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
    }

    /// <summary>Null when the message may go ahead; otherwise how long to wait.</summary>
    /// <exception cref="SharedStateUnavailableException">Redis is on and cannot be reached.</exception>
    public async ValueTask<TimeSpan?> RejectAsync(string conversationId)
    {
        var retryAfter = _shared is not null ? await _shared.RejectAsync(conversationId).ConfigureAwait(false) : RejectHere(conversationId);
        if (retryAfter is not null)
        {
            _metrics.RateLimited(RateLimit.Conversation);
        }

        return retryAfter;
    }

    private TimeSpan? RejectHere(string conversationId)
    {
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(conversationId);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
    }

    public void Dispose() => _limiter?.Dispose();
}
