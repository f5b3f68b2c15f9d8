using System.Net.WebSockets;
using System.Text;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.DirectLine;

/// <summary>A Direct Line stream's client side, as DirectLineJS opens and reads it, each wait bounded.</summary>
internal static class DirectLineStreams
{
    public static async Task<ClientWebSocket> ConnectAsync(string streamUrl, string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        try
        {
            await socket.ConnectAsync(new Uri(streamUrl), Timeout());
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The next activity set; a test fails if the stream closes instead.</summary>
    public static async Task<ActivitySet> NextSetAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, Timeout());
            Assert.True(received.MessageType != WebSocketMessageType.Close, $"The stream closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return ActivitySet.Parse(Encoding.UTF8.GetString(message.ToArray()));
    }

    /// <summary>Reads the stream until the bot's reply to the activity <paramref name="id"/> arrives.</summary>
    public static async Task<Activity> ReplyToAsync(ClientWebSocket socket, string id)
    {
        while (true)
        {
            var set = await NextSetAsync(socket);
            if (set.Activities.FirstOrDefault(activity => activity.ReplyToId == id) is { } reply)
            {
                return reply;
            }
        }
    }

    public static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;
}
