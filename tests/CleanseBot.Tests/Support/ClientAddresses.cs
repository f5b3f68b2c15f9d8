using System.Net;
using System.Net.Sockets;

namespace CleanseBot.Tests.Support;

/// <summary>
/// Clients that reach the service from another address of the loopback network (127.0.0.2, 127.0.0.3...), so that a
/// test can be two people: the service's per-address limits see them as different clients, as they would two homes.
/// </summary>
internal static class ClientAddresses
{
    /// <summary>A client of <paramref name="service"/> whose connections come from <paramref name="local"/>.</summary>
    public static HttpClient From(IPAddress local, Uri service) => new(Handler(local)) { BaseAddress = service };

    /// <summary>Opens connections from <paramref name="local"/>; also for WebSockets (ClientWebSocket.ConnectAsync with an invoker).</summary>
    public static SocketsHttpHandler Handler(IPAddress local) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
