using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Tests.Security;

/// <summary>
/// The bot never repeats what the user wrote, so no user text can reach a chat window as Markdown, HTML, a link or a
/// mention: not in the text of an answer, a "not covered", a "too long" or a "did you mean", nor in any button,
/// whether the channel shows suggested actions (Web Chat) or hero-card buttons (Slack).
/// </summary>
public sealed class NoEchoTests(ServiceWithoutRateLimits service) : IClassFixture<ServiceWithoutRateLimits>
{
    private static readonly string[] Markup =
    [
        "**bold**",
        "[link](http://evil.example)",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "![img](http://evil.example/x.png)",
        "@everyone",
    ];

    // Words the guide does not know make a message "not covered" rather than ambiguous, so these carry markup
    // that still leaves the bot unsure between close answers.
    private static readonly string[] AmbiguousWithMarkup =
    [
        "**bold** ingredients for clogged pores and blackheads **bold**",
        "[ingredients for clogged pores and blackheads](javascript:alert(1))",
        "<script>ingredients for clogged pores and blackheads</script>",
        "<br>ingredients for clogged pores and blackheads",
        "ingredients for clogged pores and blackheads ![x](x)",
        "@everyone serum @everyone",
    ];

    // What would betray any of the markup above, however a reply had cut or rearranged it.
    private static readonly string[] Traces =
        ["**bold", "[link]", "evil.example", "<script", "</script>", "<img", "<br>", "onerror", "alert(", "![", "javascript:", "@everyone"];

    private static readonly string[] Channels = [BotChannels.Webchat, BotChannels.Slack];

    // Without escaping, so that "<script" is searched for as the channel would see it.
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string, string> MarkupInEveryReply()
    {
        var cases = new TheoryData<string, string>();
        foreach (var markup in Markup.Append(string.Join(" ", Markup)))
        {
            cases.Add("an answer", $"{markup} Why choose an alcohol-free toner? {markup}");
            cases.Add("not covered", $"{markup} What is the capital of France? {markup}");
            cases.Add("too long", string.Concat(Enumerable.Repeat(markup + " ", (RealBot.Options.MaxMessageLength / markup.Length) + 1)));
        }

        foreach (var message in AmbiguousWithMarkup)
        {
            cases.Add("did you mean", message);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(MarkupInEveryReply))]
    public async Task Never_repeats_markup_from_the_message_in_a_reply(string reply, string message)
    {
        foreach (var channel in Channels)
        {
            var replies = await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies(message, channel));

            var sent = Assert.Single(replies, activity => activity.Type == ActivityTypes.Message);
            AssertIs(reply, sent);
            var shown = Shown(sent);
            Assert.All(Traces, trace => Assert.DoesNotContain(trace, shown, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static void AssertIs(string reply, Activity sent)
    {
        var text = Expect.Text(sent);
        switch (reply)
        {
            case "an answer":
                Assert.StartsWith(RealBot.Pair(407).Answer, text, StringComparison.Ordinal);
                break;
            case "not covered":
                Assert.StartsWith("Sorry, I couldn't find that in the deep pore cleansing guide", text, StringComparison.Ordinal);
                break;
            case "too long":
                Assert.StartsWith("That message is ", text, StringComparison.Ordinal);
                break;
            default:
                Assert.StartsWith("I'm not sure I understood. Did you mean one of these?", text, StringComparison.Ordinal);
                break;
        }
    }

    // Everything of a reply that a channel renders: its text, speech and summary, its buttons, its cards.
    private static string Shown(Activity sent)
    {
        var shown = new JsonObject
        {
            ["text"] = sent.Text,
            ["speak"] = sent.Speak,
            ["summary"] = sent.Summary,
            ["suggestedActions"] = JsonNode.Parse(JsonConvert.SerializeObject(sent.SuggestedActions)),
            ["attachments"] = JsonNode.Parse(JsonConvert.SerializeObject(sent.Attachments)),
        };
        return shown.ToJsonString(Unescaped);
    }
}
