using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using System.Text.Json.Nodes;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Replicas;

/// <summary>
/// Two replicas and one real Redis: a conversation whose messages land on either replica is one conversation to the
/// bot (its follow-up memory and its rate limit are shared), and a Redis outage is a 503 with Retry-After, never a
/// 500 or a hang, until Redis is back.
/// </summary>
public sealed class SharedStateTests
{
    [Fact]
    public async Task Reads_a_follow_up_sent_to_the_other_replica_as_a_follow_up()
    {
        await using var replicas = await TwoReplicas.StartAsync();
        var conversationId = "conversation-" + Guid.NewGuid().ToString("N");

        await AskAsync(replicas.Client(0), conversationId, "What is microdermabrasion?");
        var followUp = await AskAsync(replicas.Client(1), conversationId, "and the one that uses acids?");
        var withoutContext = await AskAsync(replicas.Client(1), "conversation-" + Guid.NewGuid().ToString("N"), "and the one that uses acids?");

        Expect.AnswerOf(603, followUp);
        Assert.DoesNotContain(RealBot.Pair(603).Answer, withoutContext.Text ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remembers_the_follow_up_context_across_a_restart_of_every_replica()
    {
        await using var redis = await RedisServer.StartAsync();
        Dictionary<string, string?> settings = new()
        {
            ["Redis:Configuration"] = redis.Configuration,
            ["DirectLine:TokenSigningKey"] = TwoReplicas.SigningKey,
        };
        var conversationId = "conversation-" + Guid.NewGuid().ToString("N");
        await using (var before = await StartedService.StartAsync(settings))
        {
            await AskAsync(before.Client, conversationId, "What is microdermabrasion?");
        }

        await using var after = await StartedService.StartAsync(settings);
        var followUp = await AskAsync(after.Client, conversationId, "and the one that uses acids?");

        Expect.AnswerOf(603, followUp);
    }

    [Fact]
    public async Task Holds_the_per_conversation_limit_across_replicas()
    {
        await using var replicas = await TwoReplicas.StartAsync(new() { ["RateLimiting:MessagesPerConversationPerMinute"] = "4" });
        var conversationId = "conversation-" + Guid.NewGuid().ToString("N");

        var statuses = new List<HttpStatusCode>();
        for (var message = 0; message < 6; message++)
        {
            using var response = await PostAsync(replicas.Client(message), conversationId, "What is microdermabrasion?");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Answers_503_with_Retry_After_while_Redis_is_gone_and_recovers_by_itself_when_it_returns()
    {
        await using var replicas = await TwoReplicas.StartAsync();
        var conversationId = "conversation-" + Guid.NewGuid().ToString("N");
        await AskAsync(replicas.Client(0), conversationId, "What is microdermabrasion?");

        await replicas.Redis.StopAsync();
        for (var message = 0; message < 4; message++)
        {
            var started = Stopwatch.StartNew();
            using var refused = await PostAsync(replicas.Client(message), conversationId, "and the one that uses acids?");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(4), $"The refusal took {started.Elapsed}.");
        }

        using var notReady = await replicas.Client(1).GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);

        // Redis comes back empty (nothing was persisted): the conversation starts afresh, but it is answered.
        await replicas.Redis.StartAgainAsync();
        var statuses = new List<HttpStatusCode>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode last;
        var replica = 0;
        do
        {
            using var response = await PostAsync(replicas.Client(replica++), conversationId, "What is microdermabrasion?");
            last = response.StatusCode;
            statuses.Add(last);
            if (last != HttpStatusCode.OK)
            {
                await Task.Delay(200);
            }
        }
        while ((last != HttpStatusCode.OK || replica < 4) && DateTime.UtcNow < deadline);

        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"Got {status}: {string.Join(", ", statuses)}"));
        Assert.Equal(HttpStatusCode.OK, last);
        using var ready = await replicas.Client(0).GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string conversationId, string text)
    {
        var activity = Inbound.ExpectingReplies(text);
        activity["conversation"] = new JsonObject { ["id"] = conversationId };
        return Inbound.PostAsync(client, activity);
    }

    private static async Task<Activity> AskAsync(HttpClient client, string conversationId, string text)
    {
        var activity = Inbound.ExpectingReplies(text);
        activity["conversation"] = new JsonObject { ["id"] = conversationId };
        var replies = await Inbound.RepliesToAsync(client, activity);
        return Assert.Single(replies, reply => reply.Type == ActivityTypes.Message);
    }
}
