using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using CleanseBot.Tests.DirectLine;
using CleanseBot.Tests.Security;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace CleanseBot.Tests.Replicas;

/// <summary>
/// SIGTERM, as a rolling deploy sends it: the replica takes no new connections, finishes the turn in flight, closes
/// Web Chat's streams with 1001 (going away, which Web Chat reconnects after), and exits cleanly.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Finishes_the_turn_in_flight_closes_streams_with_1001_and_exits_0_on_SIGTERM()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var replica = await CleanseBotProcess.StartAsync(
            new Dictionary<string, string> { ["Redis:Configuration"] = redis.Configuration, ["DirectLine:TokenSigningKey"] = TwoReplicas.SigningKey },
            new Dictionary<string, string>());
        var (_, started) = await DirectLineSession.StartedAsync(replica.Client);
        using var stream = await DirectLineStreams.ConnectAsync((string)started["streamUrl"]!);
        await DirectLineStreams.NextSetAsync(stream); // the welcome

        // A message whose body is still arriving when SIGTERM comes.
        var activity = Inbound.ExpectingReplies("What is microdermabrasion?").ToJsonString();
        using var rest = new SemaphoreSlim(0);
        using var body = new HalfThenRest(Encoding.UTF8.GetBytes(activity), rest);
        var inFlight = replica.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), body);
        await body.HalfSent.WaitAsync(DirectLineStreams.Timeout());

        await replica.SendSigtermAsync();
        var closed = await stream.ReceiveAsync(new byte[1024], DirectLineStreams.Timeout());
        rest.Release();
        using var response = await inFlight;
        var exitCode = await replica.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, stream.CloseStatus);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonConvert.DeserializeObject<ExpectedReplies>(await response.Content.ReadAsStringAsync())!.Activities;
        Expect.AnswerOf(602, Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
        Assert.Equal(0, exitCode);
    }

    /// <summary>A body sent in two halves: the second only once the test says so.</summary>
    private sealed class HalfThenRest : HttpContent
    {
        private readonly byte[] _body;
        private readonly SemaphoreSlim _rest;
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HalfThenRest(byte[] body, SemaphoreSlim rest)
        {
            _body = body;
            _rest = rest;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public Task HalfSent => _halfSent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _body.Length / 2;
            await stream.WriteAsync(_body.AsMemory(0, half));
            await stream.FlushAsync();
            _halfSent.SetResult();
            await _rest.WaitAsync();
            await stream.WriteAsync(_body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
