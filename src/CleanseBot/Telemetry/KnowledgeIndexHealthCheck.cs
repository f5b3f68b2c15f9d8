using CleanseBot.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanseBot.Telemetry;

/// <summary>Ready once the knowledge index is loaded: before that a message would wait for it, after a failure it would never be answered.</summary>
internal sealed class KnowledgeIndexHealthCheck(KnowledgeIndexProvider provider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(provider.Status switch
        {
            KnowledgeIndexStatus.Ready => HealthCheckResult.Healthy("The knowledge index is loaded."),
            KnowledgeIndexStatus.Loading => HealthCheckResult.Unhealthy("The knowledge index is loading."),
            _ => HealthCheckResult.Unhealthy("The knowledge index failed to load."),
        });
}
