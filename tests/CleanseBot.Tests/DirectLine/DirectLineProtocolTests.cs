using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.DirectLine;

/// <summary>The built-in Direct Line 3.0 endpoint over real HTTP, as Web Chat and DirectLineJS use it.</summary>
[Collection(SharedWebChatSite.Name)]
public sealed class DirectLineProtocolTests(WebChatSite site)
{
    private readonly HttpClient _client = site.Client;

    [Fact]
    public async Task Gives_the_widget_a_token_for_a_new_conversation_and_the_endpoint_to_use_it_with()
    {
        using var response = await _client.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(new Uri(site.BotUrl, "v3/directline").AbsoluteUri, (string)body["domain"]!);
        Assert.False(((string)body["domain"]!).EndsWith('/'), "Web Chat appends paths to the domain itself.");
        Assert.Equal(1800, (int)body["expires_in"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["conversationId"])); 
        Assert.Equal(3, ((string)body["token"]!).Split('.').Length);
    }

    [Fact]
    public async Task Starts_the_conversation_with_201_and_the_bots_welcome()
    {
        var (session, started) = await DirectLineSession.StartedAsync(_client);

        Assert.Equal(session.ConversationId, (string)started["conversationId"]!);
        session.Token = (string)started["token"]!;
        Assert.InRange((int)started["expires_in"]!, 1790, 1800);
        var streamUrl = new Uri((string)started["streamUrl"]!);
        Assert.Equal("ws", streamUrl.Scheme);
        Assert.Equal($"/v3/directline/conversations/{session.ConversationId}/stream", streamUrl.AbsolutePath);
        Assert.Contains("t=", streamUrl.Query, StringComparison.Ordinal);

        var welcome = Assert.Single((await session.GetActivitiesAsync()).Activities);
        Assert.Equal(RoleTypes.Bot, welcome.From.Role);
        Assert.StartsWith("Hi, I'm CleanseBot!", Expect.Text(welcome), StringComparison.Ordinal);
        Expect.ExampleQuestionsOffered(welcome);
    }

    [Fact]
    public async Task Starting_again_with_the_same_token_describes_the_conversation_without_a_second_welcome()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);

        using var again = await session.SendAsync(HttpMethod.Post, "/conversations");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(session.ConversationId, (string)(await again.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!);
        Assert.Single((await session.GetActivitiesAsync()).Activities);
    }

    [Fact]
    public async Task Echoes_the_users_message_with_an_id_a_UTC_timestamp_and_its_clientActivityID_intact()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);
        var before = DateTimeOffset.UtcNow;

        var id = await session.PostAsync(DirectLineSession.Message("Is steam good for my pores?", clientActivityId: "wc-client-42"));

        var set = await session.GetActivitiesAsync();
        var echo = Assert.Single(set.Activities, activity => activity.Id == id);
        Assert.Equal("Is steam good for my pores?", echo.Text);
        Assert.Equal("wc-client-42", (string?)((Newtonsoft.Json.Linq.JObject)echo.ChannelData)["clientActivityID"]);
        Assert.Equal(RoleTypes.User, echo.From.Role);
        Assert.Equal("Visitor", echo.From.Name);
        Assert.StartsWith("dl_", echo.From.Id, StringComparison.Ordinal);
        Assert.Equal(session.ConversationId, echo.Conversation.Id);
        Assert.Equal("directline", echo.ChannelId);

        var timestamp = (string)JsonNode.Parse(set.Json)!["activities"]!.AsArray().Single(a => (string)a!["id"]! == id)!["timestamp"]!;
        var parsed = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        Assert.InRange(parsed, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Answers_with_the_nudge_as_a_reply_to_the_echoed_question()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);

        var id = await session.PostAsync(DirectLineSession.Message("Is steam good for my pores?"));

        var activities = (await session.GetActivitiesAsync()).Activities;
        var answer = Assert.Single(activities, activity => activity.ReplyToId == id);
        Assert.Equal(RoleTypes.Bot, answer.From.Role);
        Assert.Equal(activities.Last(), answer);
        Expect.AnswerOf(503, answer);
    }

    [Fact]
    public async Task Keeps_the_conversation_memory_between_messages_as_in_every_channel()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);

        await session.PostAsync(DirectLineSession.Message("Is steam good for my pores?"));
        var followUp = await session.PostAsync(DirectLineSession.Message("tell me more"));

        var answer = (await session.GetActivitiesAsync()).Activities.Single(activity => activity.ReplyToId == followUp);
        Assert.DoesNotContain("Sorry, I couldn't find that", Expect.Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_through_a_long_conversation_by_watermark_in_order_and_without_gaps()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);
        for (var i = 0; i < 26; i++)
        {
            await session.PostAsync(DirectLineSession.Message(i % 2 == 0 ? "What should I look for in a cleanser?" : "hi"));
        }

        var first = await session.GetActivitiesAsync();
        var second = await session.GetActivitiesAsync(first.Watermark);
        var third = await session.GetActivitiesAsync(second.Watermark);

        Assert.Equal(50, first.Activities.Count);
        Assert.Equal("50", first.Watermark);
        Assert.Equal(3, second.Activities.Count);
        Assert.Equal("53", second.Watermark);
        Assert.Empty(third.Activities);
        Assert.Equal("53", third.Watermark);

        var all = first.Activities.Concat(second.Activities).ToList();
        Assert.Equal(all.Count, all.Select(activity => activity.Id).Distinct().Count());
        Assert.Equal(all.OrderBy(activity => activity.Timestamp).Select(activity => activity.Id), all.Select(activity => activity.Id));
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(pair.First.Timestamp < pair.Second.Timestamp, "Timestamps must increase, to the millisecond."));
    }

    [Fact]
    public async Task Polling_with_the_last_watermark_returns_only_what_is_new()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);
        var welcome = await session.GetActivitiesAsync();

        var id = await session.PostAsync(DirectLineSession.Message("What should I look for in a cleanser?"));

        var next = await session.GetActivitiesAsync(welcome.Watermark);
        Assert.Equal([id, next.Activities[1].Id], next.Activities.Select(activity => activity.Id));
        Assert.Equal(id, next.Activities[1].ReplyToId);
        Assert.True(long.Parse(next.Watermark, CultureInfo.InvariantCulture) > long.Parse(welcome.Watermark, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Refreshes_a_token_for_the_same_conversation_and_the_new_one_works()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);

        using var response = await session.SendAsync(HttpMethod.Post, "/tokens/refresh");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(session.ConversationId, (string)body["conversationId"]!);
        Assert.Equal(1800, (int)body["expires_in"]!);
        session.Token = (string)body["token"]!;
        Assert.Single((await session.GetActivitiesAsync()).Activities);
    }

    [Fact]
    public async Task Generates_a_token_for_a_new_conversation_as_Azure_Direct_Line_does()
    {
        using var response = await _client.PostAsync(new Uri("/v3/directline/tokens/generate", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var session = new DirectLineSession(_client, (string)body["conversationId"]!, (string)body["token"]!);
        using var started = await session.SendAsync(HttpMethod.Post, "/conversations");
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
    }

    [Fact]
    public async Task Limits_how_fast_one_conversation_sends_with_429_and_Retry_After()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);
        for (var i = 0; i < 30; i++)
        {
            await session.PostAsync(DirectLineSession.Message("hi"));
        }

        using var response = await session.PostActivityAsync(DirectLineSession.Message("hi"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("""{"type":"message","text":""", "BadSyntax")]
    [InlineData("""{"text":"no type"}""", "BadArgument")]
    [InlineData("""{"type":"conversationUpdate"}""", "BadArgument")]
    public async Task Refuses_what_is_not_an_activity_it_accepts_with_400_and_says_why(string body, string code)
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);

        using var response = await session.SendAsync(HttpMethod.Post, $"/conversations/{session.ConversationId}/activities", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!);
    }

    [Fact]
    public async Task Starting_a_conversation_the_service_has_forgotten_answers_404_so_that_the_client_starts_afresh()
    {
        var (session, started) = await DirectLineSession.StartedAsync(_client);

        // Another process with the same signing key, as after a restart: it never heard of the conversation.
        await using var restarted = new CleanseBotServer(new Dictionary<string, string?> { ["DirectLine:TokenSigningKey"] = WebChatSite.SigningKey }, services: null);
        await restarted.StartAndWaitUntilReadyAsync();
        using var client = restarted.CreateClient();
        var resumed = new DirectLineSession(client, session.ConversationId, (string)started["token"]!);
        using var response = await resumed.SendAsync(HttpMethod.Post, "/conversations");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!);
        using var refreshed = await resumed.SendAsync(HttpMethod.Post, "/tokens/refresh");
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        resumed.Token = (string)(await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        using var again = await resumed.SendAsync(HttpMethod.Post, "/conversations");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Keeps_a_message_over_the_maximum_length_shortened_and_asks_for_a_shorter_one_as_on_api_messages()
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);
        var limit = RealBot.Options.MaxMessageLength;
        var tooLong = new string('x', 250_000);

        var id = await session.PostAsync(DirectLineSession.Message(tooLong));

        var activities = await session.AllActivitiesAsync();
        var echo = Assert.Single(activities, activity => activity.Id == id);
        Assert.Equal(new string('x', limit) + "…", echo.Text);
        var reply = Assert.Single(activities, activity => activity.ReplyToId == id);
        Assert.StartsWith($"That message is {tooLong.Length:N0} characters long; I can read up to {limit:N0}.", Expect.Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_404_for_a_conversation_that_was_never_started()
    {
        var session = await DirectLineSession.NewAsync(_client);

        using var response = await session.PostActivityAsync(DirectLineSession.Message("hi"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
