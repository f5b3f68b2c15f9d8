using System.Diagnostics.Metrics;
using CleanseBot.Channels.DirectLine;
using CleanseBot.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CleanseBot.Telemetry;

/// <summary>Metrics (Prometheus at /metrics, OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set) and the split health checks.</summary>
internal static class TelemetryHosting
{
    /// <summary>The tag of the checks /healthz/ready runs.</summary>
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddCleanseBotTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // A switch has no range to check; bound at start, a value that is not true or false stops the service naming the key.
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();

        services.AddSingleton(provider =>
        {
            // Made at the first request that counts something, not while the app is mapped: the Direct Line store's
            // settings are validated when the host starts, and resolving the store earlier would throw before that.
            var metrics = new CleanseBotMetrics(provider.GetRequiredService<IMeterFactory>());
            var conversations = provider.GetRequiredService<DirectLineConversations>();
            metrics.ObserveConversations(() => conversations.Count);
            return metrics;
        });

        // The standard variable, read as the OpenTelemetry exporter itself reads it (OTEL_EXPORTER_OTLP_PROTOCOL and
        // OTEL_METRIC_EXPORT_INTERVAL too); without it nothing is pushed anywhere.
        var exportsOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(CleanseBotMetrics.MeterName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CleanseBotMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (exportsOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        services.AddHealthChecks().AddCheck<KnowledgeIndexHealthCheck>("knowledge-index", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapCleanseBotTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Metrics.Enabled)
        {
            app.MapPrometheusScrapingEndpoint();
        }

        // Live: the process answers at all (restart it if not). Ready: it can answer messages (send it traffic).
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = static _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = static check => check.Tags.Contains(ReadyTag),
            ResponseWriter = ReadinessReport.WriteAsync,
        });
        return app;
    }
}
