using System.Text.Json.Nodes;
using CleanseBot.Tests.DirectLine;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Admin;

/// <summary>
/// In Debian's Chromium (playwright-core): the admin page as a content owner meets it, and Web Chat's own feedback
/// buttons clicked as a visitor would, their ratings found in the question log. Screenshots go to tests/browser/artifacts/.
/// </summary>
[Collection(SharedAdminSite.Name)]
public sealed class AdminBrowserTests(AdminSite site)
{
    [Fact]
    public async Task In_a_browser_admin_answers_401_with_a_login_form_then_shows_the_report_and_chart_once_the_key_is_typed()
    {
        NodeScenarios.RequireChromium();

        var result = await RunAsync("admin-page.mjs");

        var withoutKey = result["withoutKey"]!;
        Assert.Equal(401, (int)withoutKey["status"]!);
        Assert.True((bool)withoutKey["hasLoginForm"]!);
        Assert.False((bool)withoutKey["leaked"]!);
        var wrongKey = result["wrongKey"]!;
        Assert.Equal(401, (int)wrongKey["status"]!);
        Assert.Equal("That key is not right.", (string)wrongKey["alert"]!);
        Assert.False((bool)wrongKey["leaked"]!);

        var report = result["report"]!;
        Assert.Equal(200, (int)report["status"]!);
        Assert.Equal(new Uri(site.BaseAddress, "admin").AbsoluteUri, (string)report["url"]!);
        Assert.True((bool)report["showsMessage"]!);
        Assert.Equal(
            ["Top unanswered messages (the guide does not cover them), grouped by similarity", "Answers most often rated not helpful", "Suggestions awaiting review", "Rates per day (share of that day's messages)"],
            report["headings"]!.AsArray().Select(heading => (string)heading!));
        Assert.StartsWith("Share of each day's messages", (string)report["chartTitle"]!, StringComparison.Ordinal);
        Assert.Equal(4, (int)report["chartLines"]!);
        Assert.InRange((double)report["chartWidth"]!, 600, 800);
        Assert.True((int)report["acceptButtons"]! >= 1);

        // The inline style sheet applied: the policy allows it by its hash and reported nothing.
        Assert.Equal("rgb(31, 58, 95)", (string)report["headerBackground"]!);
        Assert.Empty(result["policyViolations"]!.AsArray());
        var session = report["cookies"]!.AsArray().Single(cookie => (string)cookie!["name"]! == "CleanseBot.Admin")!;
        Assert.True((bool)session["httpOnly"]!);
        Assert.Equal("Strict", (string)session["sameSite"]!);

        var period = result["period"]!;
        Assert.Equal("30d", (string)period["selected"]!);
        Assert.EndsWith("/admin?since=30d", (string)period["url"]!, StringComparison.Ordinal);

        var serious = result["axe"]!.AsArray().Where(violation => (string)violation!["impact"]! is "serious" or "critical").Select(violation => violation!.ToJsonString());
        Assert.Empty(serious);
    }

    [Fact]
    public async Task A_visitor_clicks_Web_Chats_like_and_dislike_buttons_and_both_ratings_reach_the_question_log()
    {
        NodeScenarios.RequireChromium();

        var result = await RunAsync("feedback.mjs");

        Assert.False(string.IsNullOrEmpty((string?)result["likeLabel"]));
        Assert.NotEqual((string?)result["likeLabel"], (string?)result["dislikeLabel"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<QuestionLog.RatedAnswer> ratings;
        do
        {
            await Task.Delay(100);
            ratings = await site.RatingsAsync();
        }
        while (ratings.Count(rating => rating.Message is Question or SecondQuestion) < 2 && DateTime.UtcNow < deadline);

        var liked = Assert.Single(ratings, rating => rating.Message == Question);
        Assert.True(liked.Helpful);
        Assert.Equal(503, liked.PairId);
        var disliked = Assert.Single(ratings, rating => rating.Message == SecondQuestion);
        Assert.False(disliked.Helpful);
        Assert.NotNull(disliked.PairId);
    }

    private const string Question = "Is steam good for my pores?";
    private const string SecondQuestion = "What should I look for in a cleanser?";

    private Task<JsonObject> RunAsync(string script) => NodeScenarios.RunAsync(
        script,
        new Dictionary<string, string>
        {
            ["BOT_URL"] = site.BaseAddress.AbsoluteUri,
            ["ADMIN_KEY"] = AdminSite.Key,
            ["LOGGED_MESSAGE"] = AdminSite.Unanswered,
            ["QUESTION"] = Question,
            ["SECOND_QUESTION"] = SecondQuestion,
            ["NUDGE"] = RealBot.Options.SafetyNudge,
        },
        TimeSpan.FromSeconds(120));
}
