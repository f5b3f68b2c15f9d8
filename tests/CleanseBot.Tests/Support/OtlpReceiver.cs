using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CleanseBot.Tests.Support;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP metrics endpoint (POST /v1/metrics, protobuf), on 127.0.0.1: it notes when
/// a batch names an instrument. Protobuf keeps strings as UTF-8 bytes, so the name can be found without decoding.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<string> _named = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base address, as OTEL_EXPORTER_OTLP_ENDPOINT takes it.</summary>
    public string Endpoint => _app.Urls.Single();

    public static async Task<OtlpReceiver> StartAsync(string instrument)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        var name = Encoding.UTF8.GetBytes(instrument);
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (body.ToArray().AsSpan().IndexOf(name) >= 0)
            {
                receiver._named.TrySetResult(request.ContentType ?? "");
            }

            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The content type of the first batch that named the instrument.</summary>
    public Task<string> NamedAsync(TimeSpan timeout) => _named.Task.WaitAsync(timeout);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
