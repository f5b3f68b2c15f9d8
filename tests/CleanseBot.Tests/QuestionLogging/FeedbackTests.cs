using System.Net;
using System.Text.Json.Nodes;
using CleanseBot.QuestionLog;
using CleanseBot.Tests.Http;
using CleanseBot.Tests.Support;
using Newtonsoft.Json.Linq;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Tests.QuestionLogging;

/// <summary>
/// Visitors rate answers with their channel's own feedback buttons, and each rating lands in the question log on the
/// turn it rates: Web Chat's 👍/👎 (an event naming the turn) and Teams' feedback loop (an invoke naming the reply).
/// </summary>
[Collection(MetricsTests.Name)]
public sealed class FeedbackTests
{
    private const string Answerable = "how often should I deep cleanse?";

    [Fact]
    public async Task An_answer_in_Web_Chat_offers_its_feedback_buttons_and_a_click_rates_that_turn()
    {
        await using var log = new QuestionLogFile();
        await using (var service = await StartedService.StartAsync(log.Settings()))
        {
            var answer = Assert.Single(await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies(Answerable, BotChannels.Webchat)), reply => reply.Type == "message");
            var message = Assert.Single(answer.Entities, entity => entity.Type == "https://schema.org/Message");
            Assert.Equal("", (string?)message.Properties["@id"]);
            var actions = (JArray)message.Properties["potentialAction"]!;
            Assert.Equal(["LikeAction", "DislikeAction"], actions.Select(action => (string?)action["@type"]));

            // What Web Chat 4.18 posts half a second after 👎 is clicked (ActivityStatus/private/Feedback/Feedback.tsx).
            var clicked = Inbound.Activity("event", Inbound.UnusedServiceUrl, BotChannels.Webchat);
            clicked["name"] = "webchat:activity-status/feedback";
            clicked["entities"] = new JsonArray(JsonNode.Parse(actions[1].ToString()));
            clicked["deliveryMode"] = "expectReplies";
            using var response = await Inbound.PostAsync(service.Client, clicked);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await log.WaitForAsync(1);
            await WaitForRatingsAsync(log, 1);
        }

        var turn = Assert.Single(await log.ReadAsync());
        var rating = Assert.Single(await RatingsAsync(log));
        Assert.False(rating.Helpful);
        Assert.Equal(turn.PairId, rating.PairId);
        Assert.Equal(Answerable, rating.Message);
    }

    [Fact]
    public async Task A_refusal_offers_no_feedback_buttons()
    {
        await using var log = new QuestionLogFile();
        await using var service = await StartedService.StartAsync(log.Settings());

        var replies = await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies("What is the capital of France?", BotChannels.Webchat));

        Assert.All(replies, reply => Assert.DoesNotContain(reply.Entities ?? [], entity => entity.Type == "https://schema.org/Message"));
    }

    [Fact]
    public async Task An_answer_in_Teams_turns_on_its_feedback_loop_and_the_invoke_rates_that_turn()
    {
        await using var log = new QuestionLogFile();
        await using var teams = await FakeConnector.StartAsync();
        await using (var service = await StartedService.StartAsync(log.Settings(("Messaging:AllowedServiceUrls:0", teams.ServiceUrl.AbsoluteUri))))
        {
            using (var sent = await Inbound.PostAsync(service.Client, Inbound.Message(Answerable, teams.ServiceUrl, channelId: BotChannels.Msteams)))
            {
                Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
            }

            var answer = (await teams.NextAsync()).Activity;
            Assert.True((bool?)((JObject)answer.ChannelData)["feedbackLoopEnabled"]);
            var turn = Assert.Single(await log.WaitForAsync(1));
            Assert.NotNull(turn.ReplyId);

            // What Teams sends when 👍 is clicked on that message, replyToId being the id the connector gave it.
            var invoke = Inbound.Activity("invoke", teams.ServiceUrl, BotChannels.Msteams);
            invoke["name"] = "message/submitAction";
            invoke["replyToId"] = turn.ReplyId;
            invoke["value"] = new JsonObject
            {
                ["actionName"] = "feedback",
                ["actionValue"] = new JsonObject { ["reaction"] = "like", ["feedback"] = "{\"feedbackText\":\"clear, thanks\"}" },
            };
            using var response = await Inbound.PostAsync(service.Client, invoke);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await WaitForRatingsAsync(log, 1);
        }

        var rating = Assert.Single(await RatingsAsync(log));
        Assert.True(rating.Helpful);
        Assert.Equal(Answerable, rating.Message);
    }

    private static async Task<List<RatedAnswer>> RatingsAsync(QuestionLogFile log)
    {
        await using var store = QuestionLogStore.Create(log.Options, AppContext.BaseDirectory);
        var ratings = new List<RatedAnswer>();
        await foreach (var rating in store.ReadRatedAnswersAsync(DateTimeOffset.MinValue, CancellationToken.None))
        {
            ratings.Add(rating);
        }

        return ratings;
    }

    private static async Task WaitForRatingsAsync(QuestionLogFile log, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await RatingsAsync(log)).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
