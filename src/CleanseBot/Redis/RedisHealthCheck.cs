using CleanseBot.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CleanseBot.Redis;

/// <summary>Ready only while Redis answers: a replica without it can neither remember a conversation nor count its messages.</summary>
internal sealed class RedisHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!services.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled)
        {
            return HealthCheckResult.Healthy("Redis is not configured; state is kept in this process.");
        }

        // Resolved only when configured: the connection parses Redis:Configuration.
        var redis = services.GetRequiredService<RedisConnection>();
        try
        {
            var roundTrip = await redis.RunAsync(database => database.PingAsync()).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis at {redis.Server} answers ({roundTrip.TotalMilliseconds:F1} ms).");
        }
        catch (SharedStateUnavailableException error)
        {
            return HealthCheckResult.Unhealthy(error.Message);
        }
    }
}
