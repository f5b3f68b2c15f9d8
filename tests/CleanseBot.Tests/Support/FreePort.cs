using System.Net;
using System.Net.Sockets;

namespace CleanseBot.Tests.Support;

/// <summary>A loopback port nothing listens on now, for a server a test starts itself (Redis, nginx).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the port, or throws after the timeout.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25);
            }
            catch (SocketException error)
            {
                throw new TimeoutException($"Nothing listens on port {port}: {error.Message}\n{diagnostics()}", error);
            }
        }
    }
}
