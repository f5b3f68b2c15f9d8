using CleanseBot.Answering;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace CleanseBot.Hosting;

/// <summary>
/// The JSON work a first turn does for the first time, done beforehand: Newtonsoft.Json describes each type by
/// reflection when it first meets it, and a first turn meets the conversation memory (its state is hashed and stored)
/// and a reply's parts (the response carries them). Done by the index loader after the index's own warm-up, when its
/// thread would otherwise wait, it took about 20 ms off the first visitor's start (docs/performance.md).
/// </summary>
internal static class FirstTurnWarmUp
{
    public static void Run()
    {
        // The same serializer the responses are written with, so the same contracts are kept.
        var reply = new Activity(ActivityTypes.Message)
        {
            Text = "Warm-up",
            TextFormat = TextFormatTypes.Markdown,
            SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, "Warm-up", value: "Warm-up")] },
        };
        HttpHelper.BotMessageSerializer.Serialize(TextWriter.Null, new ExpectedReplies([reply]));

        // Bot state hashes and stores its objects with Newtonsoft.Json's shared default contracts.
        JsonConvert.SerializeObject(new Dictionary<string, object> { [nameof(ConversationMemory)] = new ConversationMemory() });
    }
}
