using System.Net;
using CleanseBot.Tests.Support;
using BotChannels = Microsoft.Bot.Connector.Channels;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Http;

/// <summary>POST /api/messages over real HTTP, as the Emulator and the channels use it.</summary>
[Collection(SharedRunningService.Name)]
public sealed class MessagesEndpointTests(RunningService service)
{
    private readonly HttpClient _client = service.Client;

    [Fact]
    public async Task Answers_in_the_response_when_the_channel_expects_replies()
    {
        var replies = await Inbound.RepliesToAsync(_client, Inbound.ExpectingReplies("Is steam good for my pores?"));

        Expect.AnswerOf(503, Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
    }

    [Fact]
    public async Task Sends_the_answer_to_the_channel_as_a_reply_to_the_question()
    {
        await using var connector = await FakeConnector.StartAsync();
        var message = Inbound.Message("Why choose an alcohol-free toner?", connector.ServiceUrl);

        using var response = await Inbound.PostAsync(_client, message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await connector.NextAsync();
        var conversationId = (string)message["conversation"]!["id"]!;
        var questionId = (string)message["id"]!;
        Assert.Equal($"/v3/conversations/{conversationId}/activities/{questionId}", sent.Path);
        Assert.Equal(questionId, sent.Activity.ReplyToId);
        Assert.Equal(conversationId, sent.Activity.Conversation.Id);
        Expect.AnswerOf(407, sent.Activity);
        Assert.All(connector.TakeAll(), other => Assert.Equal(ActivityTypes.Trace, other.Activity.Type));
    }

    [Fact]
    public async Task Sends_the_welcome_to_the_channel_when_a_user_joins()
    {
        await using var connector = await FakeConnector.StartAsync();
        var joined = Inbound.UserJoined(connector.ServiceUrl);

        using var response = await Inbound.PostAsync(_client, joined);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await connector.NextAsync();
        Assert.Equal($"/v3/conversations/{joined["conversation"]!["id"]}/activities/{joined["id"]}", sent.Path);
        Assert.StartsWith("Hi, I'm CleanseBot!", Expect.Text(sent.Activity), StringComparison.Ordinal);
        Assert.Empty(connector.TakeAll());
    }

    [Fact]
    public async Task Shows_the_Emulator_why_it_answered_and_other_channels_only_the_answer()
    {
        const string Question = "Why choose an alcohol-free toner?";

        var inEmulator = await Inbound.RepliesToAsync(_client, Inbound.ExpectingReplies(Question, BotChannels.Emulator));
        var inWebChat = await Inbound.RepliesToAsync(_client, Inbound.ExpectingReplies(Question, BotChannels.Webchat));

        Assert.Equal([ActivityTypes.Message, ActivityTypes.Trace], inEmulator.Select(reply => reply.Type));
        Assert.Equal([ActivityTypes.Message], inWebChat.Select(reply => reply.Type));
    }

    [Fact]
    public async Task Carries_the_whole_decision_trace_in_the_response_when_the_Emulator_expects_replies()
    {
        var replies = await Inbound.RepliesToAsync(_client, Inbound.ExpectingReplies("Why choose an alcohol-free toner?", BotChannels.Emulator));

        var trace = Assert.Single(replies, reply => reply.Type == ActivityTypes.Trace);
        var value = Assert.IsType<Newtonsoft.Json.Linq.JObject>(trace.Value);
        Assert.Equal("Answer", (string?)value["decision"]);
        Assert.Equal(407, (int?)value["answeredPairId"]);
        Assert.NotEmpty(value["candidates"]!);
        Assert.NotNull(value["answerability"]?["probability"]);
    }

    [Fact]
    public async Task Accepts_an_activity_of_an_unknown_type_and_sends_nothing()
    {
        await using var connector = await FakeConnector.StartAsync();

        using var response = await Inbound.PostAsync(_client, Inbound.Activity("foo", connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(connector.TakeAll());
    }

    [Fact]
    public async Task Answers_a_message_full_of_search_syntax_without_an_error()
    {
        var replies = await Inbound.RepliesToAsync(_client, Inbound.ExpectingReplies("title:(acne AND \"pores\")~ *"));

        var reply = Assert.Single(replies, reply => reply.Type == ActivityTypes.Message);
        Assert.DoesNotContain("title:", Expect.Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asks_for_a_shorter_question_when_sent_ten_thousand_characters()
    {
        var replies = await Inbound.RepliesToAsync(_client, Inbound.ExpectingReplies(new string('x', 10_000)));

        var text = Expect.Text(Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
        Assert.Contains("10,000 characters", text, StringComparison.Ordinal);
        Assert.DoesNotContain("xxx", text, StringComparison.Ordinal);
    }
}
