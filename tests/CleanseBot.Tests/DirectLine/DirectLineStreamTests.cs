using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanseBot.Tests.DirectLine;

/// <summary>The WebSocket stream over a real connection: what it sends, from which watermark, and who may open it.</summary>
[Collection(SharedWebChatSite.Name)]
public sealed class DirectLineStreamTests(WebChatSite site)
{
    private readonly HttpClient _client = site.Client;

    [Fact]
    public async Task Streams_the_welcome_then_the_echo_and_the_answer_as_activity_sets_with_rising_watermarks()
    {
        var (session, started) = await DirectLineSession.StartedAsync(_client);
        using var stream = await DirectLineStreams.ConnectAsync((string)started["streamUrl"]!);

        var welcome = await DirectLineStreams.NextSetAsync(stream);
        var id = await session.PostAsync(DirectLineSession.Message("Why choose an alcohol-free toner?", clientActivityId: "wc-7"));
        var received = new List<ActivitySet> { welcome };
        while (!received.SelectMany(set => set.Activities).Any(activity => activity.ReplyToId == id))
        {
            received.Add(await DirectLineStreams.NextSetAsync(stream));
        }

        var activities = received.SelectMany(set => set.Activities).ToList();
        Assert.StartsWith("Hi, I'm CleanseBot!", Expect.Text(activities[0]), StringComparison.Ordinal);
        Assert.Equal(id, activities[1].Id);
        Assert.Equal("wc-7", (string?)((Newtonsoft.Json.Linq.JObject)activities[1].ChannelData)["clientActivityID"]);
        Assert.Equal(RoleTypes.User, activities[1].From.Role);
        Assert.Equal(id, activities[2].ReplyToId);
        Expect.AnswerOf(407, activities[2]);
        var watermarks = received.Select(set => long.Parse(set.Watermark, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(watermarks.Order(), watermarks);
        Assert.Equal(watermarks.Count, watermarks.Distinct().Count());
        Assert.Equal(3, watermarks[^1]);
    }

    [Fact]
    public async Task Reconnecting_with_a_watermark_streams_only_what_came_after_it()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);
        var id = await session.PostAsync(DirectLineSession.Message("hi"));

        using var reconnect = await session.SendAsync(HttpMethod.Get, $"/conversations/{session.ConversationId}?watermark=2");

        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        var body = (await reconnect.Content.ReadFromJsonAsync<JsonObject>())!;
        using var stream = await DirectLineStreams.ConnectAsync((string)body["streamUrl"]!);
        var set = await DirectLineStreams.NextSetAsync(stream);
        var reply = Assert.Single(set.Activities);
        Assert.Equal(id, reply.ReplyToId);
        Assert.Equal("3", set.Watermark);
    }

    [Fact]
    public async Task A_second_stream_for_the_same_conversation_closes_the_first_as_Direct_Line_does()
    {
        var (_, started) = await DirectLineSession.StartedAsync(_client);
        var streamUrl = (string)started["streamUrl"]!;
        using var first = await DirectLineStreams.ConnectAsync(streamUrl);
        await DirectLineStreams.NextSetAsync(first);

        using var second = await DirectLineStreams.ConnectAsync(streamUrl);
        await DirectLineStreams.NextSetAsync(second);

        var closed = await first.ReceiveAsync(new byte[1024], DirectLineStreams.Timeout());
        Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
        Assert.Equal("collision", first.CloseStatusDescription);
    }

    [Fact]
    public async Task Refuses_a_stream_whose_token_is_for_another_conversation()
    {
        var (_, startedA) = await DirectLineSession.StartedAsync(_client);
        var (sessionB, _) = await DirectLineSession.StartedAsync(_client);
        var urlA = new Uri((string)startedA["streamUrl"]!);
        var pathB = urlA.AbsoluteUri.Replace(urlA.Segments[^2], sessionB.ConversationId + "/", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<WebSocketException>(() => DirectLineStreams.ConnectAsync(pathB));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_stream_opened_with_a_conversation_token_instead_of_the_stream_URLs_own()
    {
        var (session, started) = await DirectLineSession.StartedAsync(_client);
        var url = new UriBuilder((string)started["streamUrl"]!) { Query = $"watermark=0&t={session.Token}" };

        var error = await Assert.ThrowsAsync<WebSocketException>(() => DirectLineStreams.ConnectAsync(url.Uri.AbsoluteUri));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example.org", false)]
    [InlineData(WebChatSite.OtherAllowedOrigin, true)]
    public async Task Lets_a_browser_open_the_stream_only_from_an_allowed_site(string origin, bool allowed)
    {
        var (_, started) = await DirectLineSession.StartedAsync(_client);

        var connect = DirectLineStreams.ConnectAsync((string)started["streamUrl"]!, origin);

        if (allowed)
        {
            using var stream = await connect;
            Assert.NotEmpty((await DirectLineStreams.NextSetAsync(stream)).Activities);
        }
        else
        {
            var error = await Assert.ThrowsAsync<WebSocketException>(() => connect);
            Assert.Contains("403", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Closes_open_streams_with_1001_going_away_when_the_service_stops_so_clients_reconnect_at_once()
    {
        var bot = new CleanseBotServer();
        await using var _ = bot;
        await bot.StartAndWaitUntilReadyAsync();
        using var client = bot.CreateClient();
        var (_, started) = await DirectLineSession.StartedAsync(client);
        using var stream = await DirectLineStreams.ConnectAsync((string)started["streamUrl"]!);
        await DirectLineStreams.NextSetAsync(stream);

        var stopping = bot.Services.GetRequiredService<IHostApplicationLifetime>();
        stopping.StopApplication();
        var closed = await stream.ReceiveAsync(new byte[1024], DirectLineStreams.Timeout());

        Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, stream.CloseStatus);
    }

    [Fact]
    public async Task Answers_a_plain_request_to_the_stream_with_400()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);

        using var response = await session.SendAsync(HttpMethod.Get, $"/conversations/{session.ConversationId}/stream");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
