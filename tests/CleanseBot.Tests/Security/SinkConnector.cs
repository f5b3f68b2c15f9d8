using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CleanseBot.Tests.Security;

/// <summary>
/// A channel connector that takes whatever the bot sends, however long its conversation id, and answers every
/// request with a ResourceResponse, or with an error status when told to; it only counts. Fuzzed activities that
/// make the bot reply through the connector point here, so that a failure to reply is the bot's, not a missing server's.
/// </summary>
internal sealed class SinkConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int _status;
    private int _received;

    private SinkConnector(WebApplication app, int status)
    {
        _app = app;
        _status = status;
    }

    public Uri ServiceUrl { get; private set; } = null!;

    public int Received => Volatile.Read(ref _received);

    /// <param name="status">What the connector answers every request with; a channel refusing the bot answers 403.</param>
    /// <param name="address">Where it listens and what its serviceUrl names: loopback, or another of the machine's addresses.</param>
    public static async Task<SinkConnector> StartAsync(int status = StatusCodes.Status200OK, IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(address, 0);

            // A conversation id of a few hundred kilobytes, percent-encoded, makes a long request line.
            kestrel.Limits.MaxRequestLineSize = 16 * 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 17 * 1024 * 1024;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MaxRequestBufferSize = null;
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new SinkConnector(app, status);
        app.Run(sink.ReceiveAsync);
        await app.StartAsync();
        sink.ServiceUrl = new Uri(app.Urls.Single() + "/");
        return sink;
    }

    /// <summary>The machine's own address on its network, where an internal service would listen; not loopback.</summary>
    public static IPAddress MachineAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
        ?? throw new InvalidOperationException("This test needs a network address besides loopback, as an internal service would have.");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        Interlocked.Increment(ref _received);
        context.Response.StatusCode = _status;
        if (_status == StatusCodes.Status200OK)
        {
            await context.Response.WriteAsJsonAsync(new { id = Guid.NewGuid().ToString("N") }, context.RequestAborted);
        }
    }
}
