using System.Globalization;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Xunit.Abstractions;

namespace CleanseBot.Tests.DirectLine;

/// <summary>
/// DirectLineJS (npm botframework-directlinejs, the Direct Line client Web Chat is built on, at the version Web Chat
/// 4.18.1 uses) driven from Node against the running service, over its WebSocket stream and by polling.
/// </summary>
[Collection(SharedWebChatSite.Name)]
public sealed class DirectLineJsClientTests(WebChatSite site, ITestOutputHelper output)
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Starts_a_conversation_sends_a_question_and_receives_the_answer_with_the_nudge(string mode)
    {
        var result = await NodeScenarios.RunAsync(
            "directline-client.mjs",
            new Dictionary<string, string>
            {
                ["BOT_URL"] = site.BotUrl.AbsoluteUri,
                ["MODE"] = mode,
                ["QUESTION"] = "Is steam good for my pores?",
                ["NUDGE"] = RealBot.Options.SafetyNudge,
            },
            TimeSpan.FromSeconds(90));

        Assert.Equal(["Uninitialized", "Connecting", "Online", "Ended"], result["statuses"]!.AsArray().Select(status => (string)status!));
        Assert.StartsWith("Hi, I'm CleanseBot!", Expect.Text(Read(result["welcome"]!)), StringComparison.Ordinal);
        var echo = Read(result["echo"]!);
        Assert.Equal((string)result["id"]!, echo.Id);
        Assert.Equal(RoleTypes.User, echo.From.Role);
        Assert.StartsWith("client-", (string?)((Newtonsoft.Json.Linq.JObject)echo.ChannelData)["clientActivityID"], StringComparison.Ordinal);
        var answer = Read(result["answer"]!);
        Assert.Equal(echo.Id, answer.ReplyToId);
        Expect.AnswerOf(503, answer);
        output.WriteLine($"DirectLineJS ({mode}): answer {((double)result["answerMs"]!).ToString("F0", CultureInfo.InvariantCulture)} ms after postActivity");
    }

    private static Activity Read(System.Text.Json.Nodes.JsonNode node) => JsonConvert.DeserializeObject<Activity>(node.ToJsonString())!;
}
