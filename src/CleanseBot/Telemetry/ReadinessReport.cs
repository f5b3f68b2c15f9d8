using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanseBot.Telemetry;

/// <summary>
/// The body of /healthz/ready: "Healthy", or "Unhealthy" followed by one line per check that failed and why, so
/// that an operator reading a load balancer's probe log sees whether the index or Redis keeps a replica out.
/// </summary>
internal static class ReadinessReport
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries)
        {
            if (entry.Status != HealthStatus.Healthy)
            {
                text.Append('\n').Append(name).Append(": ").Append(entry.Description ?? entry.Exception?.Message ?? entry.Status.ToString());
            }
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
