using System.Net.WebSockets;
using System.Text;
using CleanseBot.Redis;
using CleanseBot.Telemetry;

namespace CleanseBot.Channels.DirectLine;

/// <summary>
/// A conversation's WebSocket stream: sends every activity after the watermark, then each new one as it is stored,
/// as Direct Line activity sets ({"activities": [...], "watermark": "n"}). What the client sends is read and
/// ignored (DirectLineJS sends empty messages to notice broken connections).
/// </summary>
internal static class DirectLineStream
{
    /// <summary>How long a stream URL can be used to connect, as in Azure's Direct Line.</summary>
    public static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(60);

    private const int MaxActivitiesPerSet = 100;

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    // A shared conversation's stream also looks for itself this often: a wake-up published while this replica's
    // subscription was reconnecting is lost, and the look also keeps the conversation from expiring in Redis.
    private static readonly TimeSpan SharedLookPeriod = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(HttpContext context, DirectLineConversation conversation, long watermark, CleanseBotMetrics metrics, CancellationToken stopping)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var subscription = conversation.OpenStream();
        using var counted = metrics.StreamOpened();

        // A stopping service says so (1001, going away), so that clients reconnect at once rather than see the
        // connection drop (1006); Kestrel waits for the close handshake before it stops.
        using var stoppingRegistration = stopping.Register(() => subscription.End(StreamEnd.ServiceStopping));
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var closedByClient = ReadUntilClosedAsync(socket, done.Token);
        try
        {
            var lostRedis = false;
            while (subscription.Ended == StreamEnd.None && !closedByClient.IsCompleted)
            {
                ActivityPage page;
                try
                {
                    page = await conversation.AfterAsync(watermark, MaxActivitiesPerSet).ConfigureAwait(false);
                }
                catch (SharedStateUnavailableException)
                {
                    // Closed as a stopping service closes it: Web Chat reconnects, and resumes from its watermark once Redis is back.
                    lostRedis = true;
                    break;
                }

                if (page.Activities.Count > 0)
                {
                    var set = Encoding.UTF8.GetBytes(DirectLineResponses.ActivitySet(page));
                    await socket.SendAsync(set, WebSocketMessageType.Text, endOfMessage: true, done.Token).ConfigureAwait(false);
                    watermark = page.Watermark;
                    continue;
                }

                var woken = subscription.WaitAsync(done.Token);
                await (conversation.IsShared
                    ? Task.WhenAny(woken, closedByClient, Task.Delay(SharedLookPeriod, done.Token))
                    : Task.WhenAny(woken, closedByClient)).ConfigureAwait(false);
            }

            var (status, reason) = lostRedis ? (WebSocketCloseStatus.EndpointUnavailable, "shared state unavailable") : subscription.Ended switch
            {
                StreamEnd.Replaced => (WebSocketCloseStatus.PolicyViolation, "collision"),
                StreamEnd.ConversationEnded => (WebSocketCloseStatus.NormalClosure, "conversation ended"),
                StreamEnd.ServiceStopping => (WebSocketCloseStatus.EndpointUnavailable, "service stopping"),
                _ => (WebSocketCloseStatus.NormalClosure, ""),
            };
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, done.Token).ConfigureAwait(false);

                // The close handshake: the client answers with its own close frame. Ending sooner would reset the
                // connection under a client still reading why it was closed.
                await closedByClient.WaitAsync(CloseHandshakeTimeout, done.Token).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException or TimeoutException)
        {
            // The client went away or did not answer the close: there is no one left to tell.
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
        }
    }

    private static async Task ReadUntilClosedAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            // Closed one way or another; the sending loop sees this task complete.
        }
    }
}
