using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CleanseBot.Tests.DirectLine;
using CleanseBot.Tests.Security;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Replicas;

/// <summary>
/// The deployment as deploy/ describes it, on real servers: two service processes, one redis-server, and nginx in
/// front with deploy/nginx/cleansebot.conf (round-robin, no sticky sessions). A client talks to nginx only.
/// </summary>
public sealed class BehindNginxTests
{
    [Fact]
    public async Task Keeps_a_conversation_whole_while_round_robin_alternates_its_messages_between_the_replicas()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await StartReplicaAsync(redis);
        await using var second = await StartReplicaAsync(redis);
        await using var nginx = await NginxServer.StartAsync([first.Client.BaseAddress!, second.Client.BaseAddress!]);
        var conversationId = NewConversationId();

        var (question, askedOn) = await AskAsync(nginx, conversationId, "What is microdermabrasion?");
        var (followUp, followedUpOn) = await AskAsync(nginx, conversationId, "and the one that uses acids?");

        Assert.NotEqual(askedOn, followedUpOn);
        Expect.AnswerOf(602, question);
        Expect.AnswerOf(603, followUp);
    }

    [Fact]
    public async Task Holds_the_per_conversation_limit_over_both_replicas()
    {
        await using var redis = await RedisServer.StartAsync();
        var limit = new Dictionary<string, string> { ["RateLimiting:MessagesPerConversationPerMinute"] = "4" };
        await using var first = await StartReplicaAsync(redis, limit);
        await using var second = await StartReplicaAsync(redis, limit);
        await using var nginx = await NginxServer.StartAsync([first.Client.BaseAddress!, second.Client.BaseAddress!]);
        var conversationId = NewConversationId();

        var statuses = new List<HttpStatusCode>();
        var replicas = new HashSet<string>();
        for (var message = 0; message < 6; message++)
        {
            using var response = await PostAsync(nginx, conversationId, "What is microdermabrasion?");
            statuses.Add(response.StatusCode);
            replicas.Add(response.Headers.GetValues("X-Upstream").Single());
        }

        Assert.Equal(2, replicas.Count);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Carries_on_through_the_other_replica_when_one_is_killed_mid_conversation()
    {
        await using var redis = await RedisServer.StartAsync();
        var first = await StartReplicaAsync(redis);
        await using var second = await StartReplicaAsync(redis);
        await using var nginx = await NginxServer.StartAsync([first.Client.BaseAddress!, second.Client.BaseAddress!]);
        var conversationId = NewConversationId();
        await AskAsync(nginx, conversationId, "What is microdermabrasion?");

        await first.DisposeAsync(); // kill -9: the process is killed, not stopped
        var statuses = new List<HttpStatusCode>();
        for (var message = 0; message < 4; message++)
        {
            using var response = await PostAsync(nginx, conversationId, message == 0 ? "and the one that uses acids?" : "What is microdermabrasion?");
            statuses.Add(response.StatusCode);
            if (message == 0)
            {
                var replies = Newtonsoft.Json.JsonConvert.DeserializeObject<ExpectedReplies>(await response.Content.ReadAsStringAsync())!.Activities;
                Expect.AnswerOf(603, Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
            }
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Answers_503s_while_Redis_is_down_and_recovers_when_it_is_back_with_no_500()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await StartReplicaAsync(redis);
        await using var second = await StartReplicaAsync(redis);
        await using var nginx = await NginxServer.StartAsync([first.Client.BaseAddress!, second.Client.BaseAddress!]);
        var conversationId = NewConversationId();
        await AskAsync(nginx, conversationId, "What is microdermabrasion?");

        await redis.StopAsync();
        var during = new List<HttpStatusCode>();
        for (var message = 0; message < 4; message++)
        {
            using var response = await PostAsync(nginx, conversationId, "What is microdermabrasion?");
            during.Add(response.StatusCode);
            Assert.True(response.Headers.RetryAfter is not null, $"No Retry-After on {response.StatusCode}.");
        }

        await redis.StartAgainAsync();
        var after = new List<HttpStatusCode>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (after.Count(status => status == HttpStatusCode.OK) < 4 && DateTime.UtcNow < deadline)
        {
            using var response = await PostAsync(nginx, conversationId, "What is microdermabrasion?");
            after.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await Task.Delay(200);
            }
        }

        Assert.All(during, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        Assert.All(after, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, string.Join(", ", after)));
        Assert.Equal(4, after.Count(status => status == HttpStatusCode.OK));
    }

    [Fact]
    public async Task Carries_a_Web_Chat_stream_over_to_the_other_replica_when_its_replica_is_killed_losing_and_repeating_nothing()
    {
        await using var redis = await RedisServer.StartAsync();
        var replicas = new[] { await StartReplicaAsync(redis), await StartReplicaAsync(redis) };
        try
        {
            await using var nginx = await NginxServer.StartAsync(replicas.Select(replica => replica.Client.BaseAddress!));
            var (session, started) = await DirectLineSession.StartedAsync(nginx.Client);
            var received = new List<Activity>();
            var posted = new List<string>();

            var stream = await ConnectAsync((string)started["streamUrl"]!);
            posted.Add(await session.PostAsync(DirectLineSession.Message("What is microdermabrasion?")));
            var watermark = await ReadAsync(stream, received, posted);

            // kill -9 the replica that carries the stream; the client notices the drop and reconnects through nginx.
            var carrier = stream.HttpResponseHeaders!["X-Upstream"].Single();
            var killed = Array.FindIndex(replicas, replica => replica.Client.BaseAddress!.Authority == carrier);
            Assert.True(killed >= 0, $"The stream went to {carrier}, which is neither replica.");
            await replicas[killed].DisposeAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => DirectLineStreams.NextSetAsync(stream));
            stream.Dispose();

            posted.Add(await session.PostAsync(DirectLineSession.Message("and the one that uses acids?")));
            using var reconnected = await session.SendAsync(HttpMethod.Get, $"/conversations/{session.ConversationId}?watermark={watermark}");
            Assert.Equal(HttpStatusCode.OK, reconnected.StatusCode);
            var url = (string)(await reconnected.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!;
            using var resumed = await ConnectAsync(url);
            Assert.NotEqual(carrier, resumed.HttpResponseHeaders!["X-Upstream"].Single());
            posted.Add(await session.PostAsync(DirectLineSession.Message("What do toners do?")));
            await ReadAsync(resumed, received, posted);

            var ids = received.Select(activity => activity.Id).ToList();
            Assert.Equal(ids.Distinct().Count(), ids.Count);
            Assert.Equal(1 + (2 * posted.Count), ids.Count); // the welcome, each message and its answer
            Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
            Expect.AnswerOf(603, received.Single(activity => activity.ReplyToId == posted[1]));
        }
        finally
        {
            foreach (var replica in replicas)
            {
                if (replica.IsRunning)
                {
                    await replica.DisposeAsync();
                }
            }
        }
    }

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Runs_DirectLineJS_through_nginx_with_its_calls_spread_over_both_replicas(string mode)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await StartReplicaAsync(redis);
        await using var second = await StartReplicaAsync(redis);
        await using var nginx = await NginxServer.StartAsync([first.Client.BaseAddress!, second.Client.BaseAddress!]);

        // The token, the start, the stream or the polls and the post go to the replicas in turn.
        var result = await NodeScenarios.RunAsync(
            "directline-client.mjs",
            new Dictionary<string, string>
            {
                ["BOT_URL"] = nginx.Address.AbsoluteUri,
                ["MODE"] = mode,
                ["QUESTION"] = "Is steam good for my pores?",
                ["NUDGE"] = RealBot.Options.SafetyNudge,
            },
            TimeSpan.FromSeconds(90));

        Assert.Equal(["Uninitialized", "Connecting", "Online", "Ended"], result["statuses"]!.AsArray().Select(status => (string)status!));
        var answer = Newtonsoft.Json.JsonConvert.DeserializeObject<Activity>(result["answer"]!.ToJsonString())!;
        Assert.Equal((string)result["id"]!, answer.ReplyToId);
        Expect.AnswerOf(503, answer);
    }

    [Fact]
    public async Task Answers_in_Web_Chat_in_Chromium_through_nginx_over_both_replicas()
    {
        NodeScenarios.RequireChromium();
        await using var redis = await RedisServer.StartAsync();
        await using var first = await StartReplicaAsync(redis);
        await using var second = await StartReplicaAsync(redis);
        await using var nginx = await NginxServer.StartAsync([first.Client.BaseAddress!, second.Client.BaseAddress!]);

        // The demo page, Web Chat's files, the token, the stream and each message go to the replicas in turn.
        var result = await NodeScenarios.RunAsync(
            "demo-page.mjs",
            new Dictionary<string, string>
            {
                ["BOT_URL"] = nginx.Address.AbsoluteUri,
                ["QUESTION"] = "Is steam good for my pores?",
                ["NUDGE"] = RealBot.Options.SafetyNudge,
            },
            TimeSpan.FromSeconds(150));

        Assert.StartsWith(RealBot.Pair(503).Answer, (string)result["answer"]!, StringComparison.Ordinal);
        Assert.Equal(1, (int)result["echoed"]!);
        Assert.Equal(0, (int)result["sendFailed"]!);
        var suggested = (string)result["suggested"]!;
        Assert.StartsWith(RealBot.Knowledge.Pairs.Single(pair => pair.Question == suggested).Answer, (string)result["suggestedAnswer"]!, StringComparison.Ordinal);
    }

    private static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await socket.ConnectAsync(new Uri(streamUrl), DirectLineStreams.Timeout());
        return socket;
    }

    // Reads until every posted message has its answer; returns the last watermark.
    private static async Task<string> ReadAsync(ClientWebSocket stream, List<Activity> received, List<string> posted)
    {
        var watermark = "";
        while (!posted.All(id => received.Any(activity => activity.ReplyToId == id)))
        {
            var set = await DirectLineStreams.NextSetAsync(stream);
            received.AddRange(set.Activities);
            watermark = set.Watermark;
        }

        return watermark;
    }

    private static Task<CleanseBotProcess> StartReplicaAsync(RedisServer redis, Dictionary<string, string>? settings = null) =>
        CleanseBotProcess.StartAsync(
            new Dictionary<string, string>(settings ?? [])
            {
                ["Redis:Configuration"] = redis.Configuration,
                ["Redis:Timeout"] = "00:00:01",
                ["DirectLine:TokenSigningKey"] = TwoReplicas.SigningKey,
            },
            new Dictionary<string, string> { ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true" });

    private static string NewConversationId() => "conversation-" + Guid.NewGuid().ToString("N");

    private static Task<HttpResponseMessage> PostAsync(NginxServer nginx, string conversationId, string text)
    {
        var activity = Inbound.ExpectingReplies(text);
        activity["conversation"] = new JsonObject { ["id"] = conversationId };
        return Inbound.PostAsync(nginx.Client, activity);
    }

    private static async Task<(Activity Reply, string Replica)> AskAsync(NginxServer nginx, string conversationId, string text)
    {
        using var response = await PostAsync(nginx, conversationId, text);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {body}");
        var replies = Newtonsoft.Json.JsonConvert.DeserializeObject<ExpectedReplies>(body)!.Activities;
        return (Assert.Single(replies, reply => reply.Type == ActivityTypes.Message), response.Headers.GetValues("X-Upstream").Single());
    }
}
