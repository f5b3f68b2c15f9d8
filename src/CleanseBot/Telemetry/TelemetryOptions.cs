namespace CleanseBot.Telemetry;

/// <summary>What the service tells operators about itself. Section "Telemetry" of appsettings.json.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    public MetricsOptions Metrics { get; set; } = new();
}

/// <summary>Section "Telemetry:Metrics".</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// Whether GET /metrics answers Prometheus. It shows counts and timings only, never a visitor's text, but a public
    /// deployment that is not scraped from outside may turn it off (404). OTLP export does not depend on it.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
