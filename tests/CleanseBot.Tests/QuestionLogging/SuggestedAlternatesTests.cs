using System.Text.Json.Nodes;
using CleanseBot.QuestionLog;
using CleanseBot.Tests.Http;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Tests.QuestionLogging;

/// <summary>
/// Visitors' own choices become suggested alternate questions for content owners: choosing a "did you mean" option,
/// and "helpful" on an answer to a rephrasing of a message the bot missed. "Not helpful" offers the next-best answers.
/// </summary>
[Collection(MetricsTests.Name)]
public sealed class SuggestedAlternatesTests
{
    // Several pairs answer it about equally well, so the bot asks "did you mean" (Dialogs/DidYouMeanTests).
    private const string Ambiguous = "salicylic";

    [Fact]
    public async Task Choosing_a_did_you_mean_option_suggests_the_message_for_the_chosen_pair()
    {
        await using var log = new QuestionLogFile();
        var conversation = "conversation-" + Guid.NewGuid().ToString("N");
        await using (var service = await StartedService.StartAsync(log.Settings()))
        {
            var offer = await MessageAsync(service, conversation, Ambiguous);
            var choice = offer.SuggestedActions.Actions[0];
            var answer = await MessageAsync(service, conversation, (string)choice.Value);
            Assert.Contains("_From the guide:", answer.Text, StringComparison.Ordinal);
            await WaitForSuggestionsAsync(log, 1);
        }

        var turns = await log.ReadAsync();
        var suggestion = Assert.Single(await SuggestionsAsync(log));
        Assert.Equal(Ambiguous, suggestion.Message);
        Assert.Equal(turns.Single(turn => turn.Decision == "Answer").PairId, suggestion.PairId);
        Assert.Equal(SuggestionSource.DidYouMeanChoice, suggestion.Source);
    }

    [Fact]
    public async Task Not_helpful_offers_the_next_best_answers_and_choosing_one_suggests_it()
    {
        await using var log = new QuestionLogFile();
        var conversation = "conversation-" + Guid.NewGuid().ToString("N");
        const string Question = "how often should I deep cleanse?";
        int answeredPair;
        await using (var service = await StartedService.StartAsync(log.Settings()))
        {
            var answer = await MessageAsync(service, conversation, Question);
            answeredPair = (int)(await log.WaitForAsync(1)).Single().PairId!;

            var offers = await RateAsync(service, conversation, answer, helpful: false);
            var offer = Assert.Single(offers, reply => reply.Type == "message");
            Assert.StartsWith("I'm not sure I understood. Did you mean one of these?", offer.Text, StringComparison.Ordinal);
            var choice = offer.SuggestedActions.Actions[0];
            await MessageAsync(service, conversation, (string)choice.Value);
            await WaitForSuggestionsAsync(log, 1);
        }

        var suggestion = Assert.Single(await SuggestionsAsync(log));
        Assert.Equal(Question, suggestion.Message);
        Assert.NotEqual(answeredPair, suggestion.PairId);
        Assert.Equal(SuggestionSource.DidYouMeanChoice, suggestion.Source);
    }

    [Fact]
    public async Task Helpful_on_the_answer_to_a_rephrased_miss_suggests_the_missed_message()
    {
        await using var log = new QuestionLogFile();
        var conversation = "conversation-" + Guid.NewGuid().ToString("N");
        const string Missed = "is the vapour thing ok for my blocked bits";
        await using (var service = await StartedService.StartAsync(log.Settings()))
        {
            await MessageAsync(service, conversation, Missed);
            var answer = await MessageAsync(service, conversation, "is steaming my face good for pores?");
            Assert.Empty(await RateAsync(service, conversation, answer, helpful: true));
            await WaitForSuggestionsAsync(log, 1);
        }

        var turns = await log.ReadAsync();
        Assert.Equal("NotCovered", turns.Single(turn => turn.Message == Missed).Decision);
        var suggestion = Assert.Single(await SuggestionsAsync(log));
        Assert.Equal(Missed, suggestion.Message);
        Assert.Equal(turns.Single(turn => turn.Decision == "Answer").PairId, suggestion.PairId);
        Assert.Equal(SuggestionSource.HelpfulAfterRephrase, suggestion.Source);
    }

    private static async Task<Activity> MessageAsync(StartedService service, string conversation, string text)
    {
        var message = Inbound.ExpectingReplies(text, BotChannels.Webchat);
        message["conversation"] = new JsonObject { ["id"] = conversation };
        return Assert.Single(await Inbound.RepliesToAsync(service.Client, message), reply => reply.Type == "message");
    }

    // What Web Chat sends for 👍 or 👎 under an answer (see FeedbackTests).
    private static async Task<IList<Activity>> RateAsync(StartedService service, string conversation, Activity answer, bool helpful)
    {
        var actions = (JArray)answer.Entities.Single(entity => entity.Type == "https://schema.org/Message").Properties["potentialAction"]!;
        var rating = Inbound.Activity("event", Inbound.UnusedServiceUrl, BotChannels.Webchat);
        rating["name"] = "webchat:activity-status/feedback";
        rating["entities"] = new JsonArray(JsonNode.Parse(actions[helpful ? 0 : 1].ToString()));
        rating["deliveryMode"] = "expectReplies";
        rating["conversation"] = new JsonObject { ["id"] = conversation };
        return await Inbound.RepliesToAsync(service.Client, rating);
    }

    private static async Task<List<SuggestedAlternate>> SuggestionsAsync(QuestionLogFile log)
    {
        await using var store = QuestionLogStore.Create(log.Options, AppContext.BaseDirectory);
        var suggestions = new List<SuggestedAlternate>();
        await foreach (var suggestion in store.ReadSuggestionsAsync(DateTimeOffset.MinValue, CancellationToken.None))
        {
            suggestions.Add(suggestion.Suggestion);
        }

        return suggestions;
    }

    private static async Task WaitForSuggestionsAsync(QuestionLogFile log, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((!File.Exists(log.Path) || (await SuggestionsAsync(log)).Count < count) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
