using System.Net;
using System.Text.Json.Nodes;
using CleanseBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Tests.Security;

/// <summary>
/// Activities that pass the shape check but are odd in ways the fuzzer, or a reading of the SDK, found: a mention of
/// no one, Teams channel data that is not an object, a conversation id that cannot go into a header, an invoke, a
/// channel refusing the reply. Each is answered without a server error and without a failed turn in the log.
/// </summary>
public sealed class OddActivityTests(ServiceWithoutRateLimits service) : IClassFixture<ServiceWithoutRateLimits>
{
    private const string Question = "Why choose an alcohol-free toner?";
    private const string Apology = "Sorry, something went wrong on my side";

    public static TheoryData<string, string> Mentions() => new()
    {
        { "of the bot, as Teams sends it", """{"type": "mention", "mentioned": {"id": "cleansebot", "name": "CleanseBot"}, "text": "<at>CleanseBot</at>"}""" },
        { "of no one", """{"type": "mention", "text": "@CleanseBot"}""" },
        { "of a string", """{"type": "mention", "mentioned": "cleansebot", "text": "@CleanseBot"}""" },
        { "of the bot, without text or name", """{"type": "mention", "mentioned": {"id": "cleansebot"}}""" },
    };

    [Theory]
    [MemberData(nameof(Mentions))]
    public async Task Answers_a_message_with_a_mention_entity(string mention, string entity)
    {
        var message = Inbound.ExpectingReplies("<at>CleanseBot</at> " + Question);
        message["entities"] = new JsonArray(JsonNode.Parse(entity));

        var replies = await RepliesWithoutFailureAsync(message, $"a mention {mention}");

        Expect.AnswerOf(407, Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
    }

    [Theory]
    [InlineData(ActivityTypes.ConversationUpdate)]
    [InlineData(ActivityTypes.MessageUpdate)]
    [InlineData(ActivityTypes.MessageDelete)]
    public async Task Takes_a_Teams_activity_whose_channel_data_is_not_an_object_without_a_failed_turn(string type)
    {
        var activity = Inbound.Activity(type, Inbound.UnusedServiceUrl, BotChannels.Msteams);
        activity["deliveryMode"] = DeliveryModes.ExpectReplies;
        activity["channelData"] = "team";
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "cleansebot" });

        using var response = await Inbound.PostAsync(service.Client, activity);

        // Refused as malformed, or taken: either way, not a failed turn.
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"Got {(int)response.StatusCode}: {body}");
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.DoesNotContain(JsonConvert.DeserializeObject<ExpectedReplies>(body)!.Activities, IsApology);
        }

        AssertNoFailureLoggedAbout((string)activity["conversation"]!["id"]!);
    }

    [Theory]
    [InlineData("healthCheck")]
    [InlineData("composeExtension/query")]
    [InlineData("task/fetch")]
    [InlineData("made-up/invoke")]
    public async Task Answers_an_invoke_it_does_not_implement_without_a_server_error(string name)
    {
        var invoke = Inbound.Activity(ActivityTypes.Invoke, Inbound.UnusedServiceUrl, BotChannels.Msteams);
        invoke["name"] = name;

        using var response = await Inbound.PostAsync(service.Client, invoke);

        Assert.True((int)response.StatusCode < 500, $"The invoke '{name}' got {(int)response.StatusCode}.");
        AssertNoFailureLoggedAbout((string)invoke["conversation"]!["id"]!);
    }

    [Theory]
    [InlineData("conversation-with-a-\n-line-break")]
    [InlineData("conversation-with-a-\0-nul")]
    [InlineData("conversation-é")]
    public async Task Takes_a_conversation_id_that_cannot_be_sent_back_in_a_header_without_a_server_error_or_a_failed_turn(string conversationId)
    {
        await using var connector = await SinkConnector.StartAsync();
        var message = Inbound.Message(Question, connector.ServiceUrl);
        message["conversation"] = new JsonObject { ["id"] = conversationId };

        using var response = await Inbound.PostAsync(service.Client, message);

        Assert.True((int)response.StatusCode < 500, $"Got {(int)response.StatusCode}.");
        AssertNoFailureLoggedAbout(conversationId);
    }

    [Theory]
    [InlineData(StatusCodes.Status403Forbidden)]
    [InlineData(StatusCodes.Status404NotFound)]
    [InlineData(StatusCodes.Status429TooManyRequests)]
    [InlineData(StatusCodes.Status502BadGateway)]
    public async Task Does_not_answer_with_a_server_error_when_the_channel_refuses_the_reply(int refusal)
    {
        await using var connector = await SinkConnector.StartAsync(refusal);

        using var response = await Inbound.PostAsync(service.Client, Inbound.Message(Question, connector.ServiceUrl));

        // The reply (and the apology) were refused: that is the channel's failure to log, not the request's.
        Assert.True(connector.Received > 0, "The bot never tried to reply.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<IList<Activity>> RepliesWithoutFailureAsync(JsonObject activity, string what)
    {
        using var response = await Inbound.PostAsync(service.Client, activity);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 for {what} but got {(int)response.StatusCode}: {body}");
        var replies = JsonConvert.DeserializeObject<ExpectedReplies>(body)!.Activities;
        Assert.False(replies.Any(IsApology), $"The bot apologised for {what}: its turn failed.");
        AssertNoFailureLoggedAbout((string)activity["conversation"]!["id"]!);
        return replies;
    }

    private static bool IsApology(Activity reply) =>
        reply.Type == ActivityTypes.Message && reply.Text?.StartsWith(Apology, StringComparison.Ordinal) == true;

    private void AssertNoFailureLoggedAbout(string conversationId)
    {
        var failures = service.Server.Logs.Entries
            .Where(entry => entry.Level >= LogLevel.Error && entry.Message.Contains(conversationId, StringComparison.Ordinal))
            .Select(entry => $"{entry.Level} {entry.Category}: {entry.Message}\n{entry.Exception}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
