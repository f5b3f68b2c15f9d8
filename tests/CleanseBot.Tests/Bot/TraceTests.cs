using CleanseBot.Answering;
using CleanseBot.Dialogs;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Tests.Bot;

/// <summary>
/// In the Emulator, support staff see why the bot answered as it did: every reply to a question is followed by one
/// trace of the decision. Other channels get the reply alone.
/// </summary>
public sealed class TraceTests
{
    [Fact]
    public async Task Follows_the_reply_in_the_emulator_with_one_trace_of_the_decision()
    {
        var sent = await new ChannelConversation(BotChannels.Emulator).SendAsync("Why choose an alcohol-free toner?");

        Assert.Collection(
            sent,
            reply => Expect.AnswerOf(407, reply),
            trace =>
            {
                Assert.Equal(ActivityTypes.Trace, trace.Type);
                Assert.Equal(DecisionTrace.ValueType, ((ITraceActivity)trace).ValueType);
            });
    }

    [Fact]
    public async Task Names_the_decision_the_query_terms_the_candidates_and_the_thresholds_in_the_trace()
    {
        var sent = await new ChannelConversation(BotChannels.Emulator).SendAsync("Why choose an alcohol-free toner?");

        var trace = TraceValue(sent);
        Assert.Equal("Answer", (string?)trace["decision"]);
        Assert.Equal(407, (int?)trace["answeredPairId"]);
        Assert.Contains("toner", trace["queryTerms"]!.Values<string>());
        var candidates = (JArray)trace["candidates"]!;
        Assert.NotEmpty(candidates);
        Assert.Equal(407, (int)candidates[0]["id"]!);
        Assert.All(candidates, candidate =>
        {
            Assert.NotNull(RealBot.Knowledge.Find((int)candidate["id"]!));
            Assert.InRange((double)candidate["confidence"]!, 0, 1);
        });
        var confidences = candidates.Select(candidate => (double)candidate["confidence"]!).ToList();
        Assert.Equal(confidences.OrderDescending(), confidences);
        // In the passage ranker's order, with its score and its classifier's reading of each.
        var rankerScores = candidates.Select(candidate => (double)candidate["rankerScore"]!).ToList();
        Assert.Equal(rankerScores.OrderDescending(), rankerScores);
        Assert.All(candidates, candidate => Assert.InRange((double)candidate["passageProbability"]!, 0, 1));
        var thresholds = trace["thresholds"]!;
        var options = RealBot.Options;
        Assert.Equal(options.ConfidenceThreshold, (double)thresholds["answer"]!);
        Assert.Equal(options.SuggestionThreshold, (double)thresholds["suggest"]!);
        Assert.Equal(options.ClearConfidence, (double)thresholds["clear"]!);
        Assert.Equal(options.AmbiguityMargin, (double)thresholds["ambiguityMargin"]!);
    }

    [Theory]
    [InlineData("What is the capital of France?", "NotCovered")]
    [InlineData("salicylic", "DidYouMean")]
    [InlineData("I'm pregnant, can I use a salicylic acid cleanser?", "RedFlag")]
    public async Task Names_each_kind_of_decision_in_the_trace(string message, string decision)
    {
        var sent = await new ChannelConversation(BotChannels.Emulator).SendAsync(message);

        Assert.Equal(2, sent.Count);
        Assert.Equal(ActivityTypes.Message, sent[0].Type);
        Assert.Equal(decision, (string?)TraceValue(sent)["decision"]);
    }

    [Fact]
    public async Task Shows_the_warning_signs_read_and_the_referral_they_added_up_to()
    {
        var sent = await new ChannelConversation(BotChannels.Emulator).SendAsync("the spot she squeezed is oozing and I feel shivery");

        var value = TraceValue(sent);
        Assert.Equal("InfectionWithFever", (string?)value["redFlag"]);
        var concepts = value["warningSigns"]!.Values<string>().ToList();
        Assert.Contains(concepts, concept => concept!.StartsWith("discharge: ", StringComparison.Ordinal));
        Assert.Contains(concepts, concept => concept!.StartsWith("unwell: ", StringComparison.Ordinal));
        Assert.StartsWith("InfectionWithFever: ", (string?)value["referral"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_the_rule_the_model_overruled_when_a_message_that_reads_like_a_warning_sign_is_not_referred()
    {
        var sent = await new ChannelConversation(BotChannels.Emulator).SendAsync("how hot should the water be, my skin runs a temperature easily in summer");

        var value = TraceValue(sent);
        Assert.Null((string?)value["redFlag"]);
        Assert.StartsWith("InfectionWithFever: ", (string?)value["overruledReferral"], StringComparison.Ordinal);
        Assert.Contains("overruled, learned: 0.0", (string?)value["overruledReferral"], StringComparison.Ordinal);
        Assert.Contains(value["overruledWarningSigns"]!.Values<string>(), concept => concept!.StartsWith("unwell: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Names_the_options_of_a_did_you_mean_in_the_trace()
    {
        var sent = await new ChannelConversation(BotChannels.Emulator).SendAsync("salicylic");

        var options = Expect.SuggestedActions(sent[0]).Select(action => action.Title).SkipLast(1);
        var choices = TraceValue(sent)["choices"]!.Values<int>().Select(id => RealBot.Pair(id).Question);
        Assert.Equal(options, choices);
    }

    [Fact]
    public async Task Names_the_part_of_the_guide_a_follow_up_was_read_in()
    {
        var conversation = new ChannelConversation(BotChannels.Emulator);
        var first = TraceValue(await conversation.SendAsync("What is microdermabrasion?"));
        var followUp = TraceValue(await conversation.SendAsync("and the one that uses acids?"));

        Assert.Null((string?)first["preferredSection"]);
        Assert.Equal(RealBot.Pair(602).Section, (string?)followUp["preferredSection"]);
        Assert.Equal(603, (int?)followUp["answeredPairId"]);
    }

    [Theory]
    [InlineData(BotChannels.Webchat, null)]
    [InlineData(BotChannels.Directline, null)]
    [InlineData(BotChannels.Msteams, "personal")]
    [InlineData(BotChannels.Msteams, "channel")]
    public async Task Sends_only_the_reply_on_channels_other_than_the_emulator(string channelId, string? conversationType)
    {
        var sent = await new ChannelConversation(channelId, conversationType).SendAsync("Why choose an alcohol-free toner?");

        var reply = Assert.Single(sent);
        Expect.AnswerOf(407, reply);
    }

    private static JObject TraceValue(List<IActivity> sent)
    {
        var trace = (ITraceActivity)Assert.Single(sent, activity => activity.Type == ActivityTypes.Trace);
        Assert.Equal(DecisionTrace.ValueType, trace.ValueType);
        return JObject.FromObject(trace.Value);
    }
}
