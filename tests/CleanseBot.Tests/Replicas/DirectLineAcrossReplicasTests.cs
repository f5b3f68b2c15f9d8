using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CleanseBot.Tests.DirectLine;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Replicas;

/// <summary>
/// Web Chat's conversation over two replicas and one real Redis, with no sticky sessions: a token from one works on
/// the other, an activity posted through one reaches the stream open on the other, in order and once, and a stream
/// that reconnects to either replica with its watermark misses nothing.
/// </summary>
public sealed class DirectLineAcrossReplicasTests
{
    [Fact]
    public async Task Streams_on_one_replica_every_activity_posted_through_either_in_order_and_once()
    {
        await using var replicas = await TwoReplicas.StartAsync();
        var (onFirst, _) = await DirectLineSession.StartedAsync(replicas.First.Client);
        var onSecond = new DirectLineSession(replicas.Second.Client, onFirst.ConversationId, onFirst.Token);
        using var socket = await DirectLineStreams.ConnectAsync(await StreamUrlAsync(onSecond, watermark: "0"));

        var posted = new List<string>();
        string[] questions = ["What is microdermabrasion?", "and the one that uses acids?", "What do toners do?", "How often should I deep cleanse at home?"];
        for (var i = 0; i < questions.Length; i++)
        {
            posted.Add(await (i % 2 == 0 ? onFirst : onSecond).PostAsync(DirectLineSession.Message(questions[i])));
        }

        var received = await ReadUntilAsync(socket, activities => posted.All(id => activities.Any(activity => activity.ReplyToId == id)));

        var ids = received.Select(activity => activity.Id).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(SequenceOf(ids[0]) + ids.Count - 1, SequenceOf(ids[^1]));
        Assert.Equal(1 + (2 * questions.Length), ids.Count); // the welcome, then each question and its answer
        Assert.All(posted, id => Assert.Contains(id, ids));
        Assert.Contains(RealBot.Pair(603).Answer, received.Single(activity => activity.ReplyToId == posted[1]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wakes_the_stream_on_one_replica_as_soon_as_the_other_stores_an_activity()
    {
        await using var replicas = await TwoReplicas.StartAsync();
        var (onFirst, _) = await DirectLineSession.StartedAsync(replicas.First.Client);
        var onSecond = new DirectLineSession(replicas.Second.Client, onFirst.ConversationId, onFirst.Token);
        using var socket = await DirectLineStreams.ConnectAsync(await StreamUrlAsync(onSecond, watermark: null));

        // The POST returns once the answer is stored, so what is left is the wake-up; streams also look by
        // themselves every 10 s, which a lost wake-up would have to wait for.
        var id = await onFirst.PostAsync(DirectLineSession.Message("What is microdermabrasion?"));
        var stored = System.Diagnostics.Stopwatch.StartNew();
        var received = await ReadUntilAsync(socket, activities => activities.Any(activity => activity.ReplyToId == id));

        Assert.True(stored.Elapsed < TimeSpan.FromSeconds(3), $"The answer reached the other replica's stream {stored.Elapsed} after it was stored.");
        Assert.Equal([id, received[^1].Id], received.Select(activity => activity.Id));
    }

    [Fact]
    public async Task Resumes_a_stream_from_its_watermark_on_the_other_replica_missing_nothing()
    {
        await using var replicas = await TwoReplicas.StartAsync();
        var (onFirst, _) = await DirectLineSession.StartedAsync(replicas.First.Client);
        var onSecond = new DirectLineSession(replicas.Second.Client, onFirst.ConversationId, onFirst.Token);
        string watermark;
        using (var first = await DirectLineStreams.ConnectAsync(await StreamUrlAsync(onFirst, watermark: "0")))
        {
            var id = await onFirst.PostAsync(DirectLineSession.Message("What is microdermabrasion?"));
            var (_, last) = await ReadSetsUntilAsync(first, activities => activities.Any(activity => activity.ReplyToId == id));
            watermark = last;
            await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "", DirectLineStreams.Timeout());
        }

        // Posted while no stream is open.
        var missed = await onFirst.PostAsync(DirectLineSession.Message("and the one that uses acids?"));
        using var second = await DirectLineStreams.ConnectAsync(await StreamUrlAsync(onSecond, watermark));
        var (resumed, _) = await ReadSetsUntilAsync(second, activities => activities.Any(activity => activity.ReplyToId == missed));

        Assert.Equal([missed, resumed[1].Id], resumed.Select(activity => activity.Id));
        Assert.Equal(missed, resumed[1].ReplyToId);
    }

    [Fact]
    public async Task Polls_on_one_replica_what_was_posted_through_the_other()
    {
        await using var replicas = await TwoReplicas.StartAsync();
        var (onFirst, _) = await DirectLineSession.StartedAsync(replicas.First.Client);
        var onSecond = new DirectLineSession(replicas.Second.Client, onFirst.ConversationId, onFirst.Token);

        var id = await onFirst.PostAsync(DirectLineSession.Message("What is microdermabrasion?"));
        var all = await onSecond.AllActivitiesAsync();

        Assert.Equal(3, all.Count);
        Assert.Equal(id, all[1].Id);
        Assert.Equal(id, all[2].ReplyToId);
    }

    [Fact]
    public async Task Answers_503_with_Retry_After_on_Direct_Line_while_Redis_is_gone()
    {
        await using var replicas = await TwoReplicas.StartAsync();
        var (onFirst, _) = await DirectLineSession.StartedAsync(replicas.First.Client);

        await replicas.Redis.StopAsync();
        using var refused = await onFirst.PostActivityAsync(DirectLineSession.Message("What is microdermabrasion?"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    private static async Task<string> StreamUrlAsync(DirectLineSession session, string? watermark)
    {
        using var response = await session.SendAsync(HttpMethod.Get, $"/conversations/{session.ConversationId}?watermark={watermark}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!;
    }

    private static async Task<List<Activity>> ReadUntilAsync(ClientWebSocket socket, Func<List<Activity>, bool> enough) =>
        (await ReadSetsUntilAsync(socket, enough)).Activities;

    private static async Task<(List<Activity> Activities, string Watermark)> ReadSetsUntilAsync(ClientWebSocket socket, Func<List<Activity>, bool> enough)
    {
        var activities = new List<Activity>();
        var watermark = "";
        while (!enough(activities))
        {
            var set = await DirectLineStreams.NextSetAsync(socket);
            activities.AddRange(set.Activities);
            watermark = set.Watermark;
        }

        return (activities, watermark);
    }

    private static long SequenceOf(string id) => long.Parse(id[(id.LastIndexOf('|') + 1)..], CultureInfo.InvariantCulture);
}
