using System.Globalization;
using System.Text.Json.Nodes;
using CleanseBot.Tests.Support;
using Xunit.Abstractions;

namespace CleanseBot.Tests.DirectLine;

/// <summary>
/// Web Chat in headless Chromium (Debian's, driven by playwright-core): the demo page at /, and widget.js embedded
/// in a page of another origin. Screenshots and the measured sizes and times go to tests/browser/artifacts/.
/// </summary>
[Collection(SharedWebChatSite.Name)]
public sealed class BrowserTests(WebChatSite site, ITestOutputHelper output)
{
    private const string Question = "Is steam good for my pores?";

    [Fact]
    public async Task On_the_demo_page_a_visitor_asks_sees_the_answer_and_the_nudge_and_clicks_a_suggested_question()
    {
        NodeScenarios.RequireChromium();

        var result = await RunAsync("demo-page.mjs");

        var answer = (string)result["answer"]!;
        Assert.StartsWith(RealBot.Pair(503).Answer, answer, StringComparison.Ordinal);
        Assert.EndsWith(RealBot.Options.SafetyNudge, answer.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(1, (int)result["echoed"]!);
        Assert.Equal(0, (int)result["sendFailed"]!);
        var suggested = (string)result["suggested"]!;
        var suggestedPair = RealBot.Knowledge.Pairs.Single(pair => pair.Question == suggested);
        Assert.StartsWith(suggestedPair.Answer, (string)result["suggestedAnswer"]!, StringComparison.Ordinal);
        Record("demo page", $"question to answer: {Milliseconds(result["answerMs"]!)} ms");
    }

    [Fact]
    public async Task On_another_sites_page_the_widget_loads_Web_Chat_only_when_opened_and_answers()
    {
        NodeScenarios.RequireChromium();

        var result = await RunAsync("embedded-widget.mjs");

        Assert.False((bool)result["webChatBeforeOpen"]!);
        Assert.Equal("Questions before your facial? Ask me.", (string)result["teaser"]!);
        Assert.Equal("Glow Assistant", (string)result["title"]!);
        Assert.Equal("true", (string)result["expanded"]!);
        Assert.True((bool)result["sendBoxFocused"]!, "Opening the chat with the keyboard should put the focus in its input.");
        var answer = (string)result["answer"]!;
        Assert.StartsWith(RealBot.Pair(503).Answer, answer, StringComparison.Ordinal);
        Assert.EndsWith(RealBot.Options.SafetyNudge, answer.TrimEnd(), StringComparison.Ordinal);
        Assert.True((bool)result["closedWithEscape"]!);
        Assert.True((bool)result["focusBackOnLauncher"]!);

        // Before it is opened, the widget costs the page widget.js alone; Web Chat's bundle comes on first open.
        var before = (long)result["bytesBeforeOpen"]!;
        var after = (long)result["bytesAfterAnswer"]!;
        Assert.InRange(before, 1_000, 15_000);
        Assert.InRange(after, 300_000, 1_000_000);

        // On a phone the open chat fills the screen.
        var panel = result["phonePanel"]!;
        Assert.Equal(375, (double)panel["width"]!, 1);
        Assert.Equal(667, (double)panel["height"]!, 1);

        Record(
            "embedded widget",
            $"transferred from the bot before first open: {before:N0} bytes; after opening and one answer: {after:N0} bytes; " +
            $"question to answer: {Milliseconds(result["answerMs"]!)} ms (desktop), {Milliseconds(result["phoneAnswerMs"]!)} ms (phone)");
    }

    [Fact]
    public async Task Both_pages_at_desktop_and_phone_sizes_in_light_and_dark_have_no_serious_axe_violations_and_readable_messages_and_bot_avatar()
    {
        NodeScenarios.RequireChromium();

        var result = await RunAsync("accessibility.mjs");

        var pages = result["results"]!.AsArray();
        Assert.Equal(10, pages.Count);
        var failures = new List<string>();
        foreach (var page in pages)
        {
            var name = $"{page!["page"]} at {page["size"]} size, {page["colorScheme"]}";
            var violations = page["axe"]!.AsArray();
            var user = page["user"]!;
            var bot = page["bot"]!;
            var avatar = page["avatar"]!;
            Record(
                "accessibility",
                $"{name}: user text {Contrast(user)}, bot text {Contrast(bot)}, bot avatar {Contrast(avatar)}; axe: " +
                (violations.Count == 0 ? "no violations" : string.Join(", ", violations.Select(violation => $"{violation!["id"]} ({violation["impact"]}, {violation["nodes"]})"))));
            failures.AddRange(violations
                .Where(violation => (string)violation!["impact"]! is "serious" or "critical")
                .Select(violation => $"{name}: axe {violation!["id"]} ({violation["impact"]}): {string.Join(" | ", violation["targets"]!.AsArray())}"));
            failures.AddRange(new[] { ("user message", user), ("bot message", bot), ("bot avatar", avatar) }
                .Where(text => (double)text.Item2["ratio"]! < 4.5)
                .Select(text => $"{name}: {text.Item1} text {Contrast(text.Item2)}, below 4.5:1"));

            // Only the site whose text colour cannot be read on its accent is warned, and told what is used instead.
            var warnings = page["warnings"]!.AsArray().Select(warning => (string)warning!).Where(warning => warning.StartsWith("CleanseBot widget:", StringComparison.Ordinal)).ToList();
            if ((string)page["page"]! == "unreadable colours")
            {
                Assert.Contains(warnings, warning => warning.Contains("data-text-color #ffffff on data-color #ffd60a", StringComparison.Ordinal) && warning.Contains("using #000000", StringComparison.Ordinal));
            }
            else
            {
                Assert.Empty(warnings);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_keyboard_user_opens_the_chat_asks_chooses_a_suggested_question_hears_its_answer_and_closes_the_chat()
    {
        NodeScenarios.RequireChromium();

        var result = await RunAsync("keyboard.mjs");

        Assert.InRange((int)result["tabsToBubble"]!, 1, 10);
        Assert.StartsWith(RealBot.Pair(503).Answer, (string)result["answer"]!, StringComparison.Ordinal);
        Assert.True((int)result["tabsToSuggestion"]! > 0, "Shift+Tab from the send box should reach a suggested question.");
        var suggested = (string)result["suggested"]!;
        var suggestedPair = RealBot.Knowledge.Pairs.Single(pair => pair.Question == suggested);
        var suggestedAnswer = (string)result["suggestedAnswer"]!;
        Assert.StartsWith(Plain(suggestedPair.Answer), Plain(suggestedAnswer), StringComparison.Ordinal);
        Assert.Equal(1, (int)result["chosenShown"]!);
        var announced = result["announced"]!.AsArray().Select(text => Plain((string)text!)).ToList();
        Assert.Contains(announced, text => text.Contains(Plain(suggestedAnswer)[..60], StringComparison.Ordinal));
        Assert.True((bool)result["closedWithEscape"]!, $"Escape should close the chat (the focus was on '{result["focusBeforeEscape"]}').");
        Assert.True((bool)result["focusBackOnBubble"]!);
    }

    [Fact]
    public async Task The_conversation_follows_the_visitor_to_another_page_of_the_site_and_goes_on_in_context()
    {
        NodeScenarios.RequireChromium();
        string[] questions = ["what is sebum", "tell me more", "and for sensitive skin?"];
        var expected = new DialogConversation();
        var replies = new List<Reply>();
        foreach (var question in questions)
        {
            replies.Add(await expected.SendAsync(question));
        }

        // "tell me more" means something only in a conversation that has already had an answer.
        var alone = await DialogConversation.FirstMessageAsync(questions[1]);
        Assert.NotEqual(replies[1].Decision.Pair?.Id, alone.Decision.Pair?.Id);

        var result = await RunAsync("navigation.mjs");

        var conversationId = (string)result["before"]!["conversationId"]!;
        Assert.False(string.IsNullOrEmpty(conversationId));
        Assert.True((bool)result["openedItself"]!, "The chat was open on the first page, so it should be open on the next.");
        var history = result["history"]!;
        Assert.Equal(questions[..1], Texts(history["user"]!));
        var historyBot = Texts(history["bot"]!);
        Assert.Equal(2, historyBot.Count);
        Assert.StartsWith(Plain(replies[0].Decision.Pair!.Answer), historyBot[1], StringComparison.Ordinal);

        var after = result["after"]!;
        Assert.Equal(questions, Texts(after["user"]!));
        var afterBot = Texts(after["bot"]!);
        Assert.Equal(4, afterBot.Count);
        Assert.StartsWith(Plain(replies[1].Decision.Pair!.Answer), afterBot[2], StringComparison.Ordinal);
        Assert.StartsWith(Plain(replies[2].Decision.Pair!.Answer), afterBot[3], StringComparison.Ordinal);
        Assert.Equal(conversationId, (string)result["afterFollowUps"]!["conversationId"]!);

        // A remembered conversation the service does not know: a new one, with the welcome and no error shown.
        var afresh = result["afresh"]!;
        Assert.Empty(Texts(afresh["user"]!));
        var welcome = Assert.Single(Texts(afresh["bot"]!));
        Assert.Contains("I answer questions about deep pore cleansing", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain(Texts(afresh["alerts"]!), text => text.Length > 0);
        var kept = (string)afresh["kept"]!["conversationId"]!;
        Assert.NotEqual((string)afresh["stranger"]!, kept);
        Assert.NotEqual(conversationId, kept);
    }

    private Task<JsonObject> RunAsync(string script) => NodeScenarios.RunAsync(
        script,
        new Dictionary<string, string>
        {
            ["BOT_URL"] = site.BotUrl.AbsoluteUri,
            ["SITE_URL"] = site.SitePage.AbsoluteUri,
            ["SECOND_PAGE_URL"] = site.SecondPage.AbsoluteUri,
            ["UNREADABLE_COLOURS_URL"] = site.UnreadableColoursPage.AbsoluteUri,
            ["QUESTION"] = Question,
            ["NUDGE"] = RealBot.Options.SafetyNudge,
        },
        TimeSpan.FromSeconds(150));

    private static string Contrast(JsonNode measured) => 
        $"{((double)measured["ratio"]!).ToString("F2", CultureInfo.InvariantCulture)}:1 ({measured["text"]} on {measured["background"]})";

    // Web Chat renders markdown with typographic quotes; the knowledge has plain ones.
    private static string Plain(string text) => text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201c', '"').Replace('\u201d', '"');

    private static List<string> Texts(JsonNode array) => array.AsArray().Select(text => Plain((string)text!).Trim()).ToList();

    private static string Milliseconds(JsonNode value) => ((double)value).ToString("F0", CultureInfo.InvariantCulture);

    // The closing note's figures: in the test output, and in a file beside the screenshots.
    private void Record(string what, string figures)
    {
        output.WriteLine($"{what}: {figures}");
        Directory.CreateDirectory(NodeScenarios.Artifacts);
        File.AppendAllText(Path.Combine(NodeScenarios.Artifacts, "measurements.txt"), $"{DateTimeOffset.UtcNow:u} {what}: {figures}\n");
    }
}
