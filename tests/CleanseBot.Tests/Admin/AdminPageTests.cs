using System.Net;
using System.Text.RegularExpressions;

namespace CleanseBot.Tests.Admin;

/// <summary>
/// The admin page with the key: the insights report over the real SQLite log (what was missed, rated unhelpful and
/// suggested, rates per day and their chart), and "Accept", which writes a suggestion into the knowledge copy.
/// </summary>
[Collection(SharedAdminSite.Name)]
public sealed partial class AdminPageTests(AdminSite site)
{
    [Fact]
    public async Task With_the_key_the_page_shows_the_report_of_the_last_week()
    {
        using var client = site.ClientFrom(31);

        using var response = await client.SendAsync(AdminSite.WithKey(HttpMethod.Get, "/admin"));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("8 messages in 1 conversations", page, StringComparison.Ordinal);

        // The two wordings of the microneedling question are one group, counted twice.
        Assert.Matches(@"<td class=""n"">2</td><td>(is microneedling safe at home\?|Is microneedling safe at home)<div class=""also"">also", page);
        Assert.Contains("<tr><td>503</td><td class=\"n\">1</td><td class=\"n\">0</td><td><div>\"does steaming open pores?\"</div>", page, StringComparison.Ordinal);
        Assert.Contains($"<tr><td>{site.SuggestionIds[AdminSite.TonerSuggestion]}</td><td class=\"n\">1</td><td>\"{AdminSite.TonerSuggestion}\"</td><td>407</td>", page, StringComparison.Ordinal);
        Assert.Contains($"action=\"/admin/suggestions/{site.SuggestionIds[AdminSite.TonerSuggestion]}/accept\"", page, StringComparison.Ordinal);
        Assert.Contains(site.KnowledgeFolder, page, StringComparison.Ordinal);

        // Rates per day: three days, the first with a refusal, an answer and a warning sign out of four messages.
        Assert.Contains($"<tr><th scope=\"row\">{site.Now.AddDays(-2):yyyy-MM-dd}</th><td class=\"n\">4</td><td class=\"n\">25.0%</td><td class=\"n\">50.0%</td><td class=\"n\">0.0%</td><td class=\"n\">25.0%</td></tr>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rates_chart_is_an_SVG_with_a_title_a_description_axis_labels_and_four_lines_told_apart_without_colour()
    {
        using var client = site.ClientFrom(32);

        var page = await (await client.SendAsync(AdminSite.WithKey(HttpMethod.Get, "/admin"))).Content.ReadAsStringAsync();

        var svg = Svg().Match(page).Value;
        Assert.Contains("role=\"img\" aria-labelledby=\"rates-title rates-desc\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title id=\"rates-title\">Share of each day's messages answered", svg, StringComparison.Ordinal);
        Assert.Matches($"<desc id=\"rates-desc\">3 days from {site.Now.AddDays(-2):yyyy-MM-dd} to {site.Now:yyyy-MM-dd}: answered from", svg);
        Assert.Contains(">100%</text>", svg, StringComparison.Ordinal);
        Assert.Contains($">{site.Now.AddDays(-1):MM-dd}</text>", svg, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(svg, "<polyline "));
        Assert.Equal(3, Regex.Count(svg, "stroke-dasharray=\"[^\"]+\" points="));
        foreach (var name in new[] { ">answered</text>", ">refused</text>", ">did you mean</text>", ">red flag</text>" })
        {
            Assert.Contains(name, svg, StringComparison.Ordinal);
        }

        Assert.Contains($"<title>{site.Now.AddDays(-2):yyyy-MM-dd}: red flag 25.0% of 4 messages</title>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("24h", 2)]
    [InlineData("30d", 8)]
    [InlineData("2020-01-01", 8)]
    public async Task The_period_can_be_chosen(string since, int messages)
    {
        using var client = site.ClientFrom(33);

        var page = await (await client.SendAsync(AdminSite.WithKey(HttpMethod.Get, $"/admin?since={since}"))).Content.ReadAsStringAsync();

        Assert.Contains($"{messages} messages in", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{since}\" selected>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_period_is_refused_with_400()
    {
        using var client = site.ClientFrom(34);

        using var response = await client.SendAsync(AdminSite.WithKey(HttpMethod.Get, "/admin?since=soon"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Accepting_from_a_logged_in_browser_needs_the_pages_form_token_then_writes_the_suggestion_into_its_pairs_file()
    {
        using var client = site.ClientFrom(35);
        var session = await AdminSite.LogInAsync(client);
        var id = site.SuggestionIds[AdminSite.SteamSuggestion];
        var file = Path.Combine(site.KnowledgeFolder, "05-professional-facials.qna");
        var before = await File.ReadAllTextAsync(file);

        // As another site's form would post it: the browser sends the cookie, but the form has no token.
        using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri($"/admin/suggestions/{id}/accept", UriKind.Relative)) { Content = new FormUrlEncodedContent([new("since", "7d")]) };
        forged.Headers.Add("Cookie", session);
        using var refused = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, await File.ReadAllTextAsync(file));

        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin", UriKind.Relative));
        pageRequest.Headers.Add("Cookie", session);
        using var page = await client.SendAsync(pageRequest);
        var formCookie = AdminSite.Cookie(page, "CleanseBot.Admin.Form");
        var token = AdminSite.FormToken(await page.Content.ReadAsStringAsync());

        using var accept = new HttpRequestMessage(HttpMethod.Post, new Uri($"/admin/suggestions/{id}/accept", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("since", "7d")]),
        };
        accept.Headers.Add("Cookie", $"{session}; {formCookie}");
        using var accepted = await client.SendAsync(accept);
        var after = await accepted.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains($"Suggestion {id} accepted.", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{AdminSite.SteamSuggestion}\"</td>", after, StringComparison.Ordinal);
        var last = "- I'm nervous about my first facial because I hate heat on my face. what's the steam part for\n";
        Assert.Equal(before.Replace(last, last + $"- {AdminSite.SteamSuggestion}\n", StringComparison.Ordinal), await File.ReadAllTextAsync(file));
        Assert.All((await site.SuggestionsAsync()).Where(suggestion => suggestion.Suggestion.Message == AdminSite.SteamSuggestion), suggestion => Assert.True(suggestion.Accepted));
    }

    [Fact]
    public async Task Accepting_with_the_key_in_the_header_refuses_a_question_the_knowledge_already_asks_and_an_unknown_id()
    {
        using var client = site.ClientFrom(36);
        var before = Directory.GetFiles(site.KnowledgeFolder, "*.qna").ToDictionary(file => file, File.ReadAllBytes);

        using var duplicate = await client.SendAsync(AdminSite.WithKey(HttpMethod.Post, $"/admin/suggestions/{site.SuggestionIds[AdminSite.DuplicateSuggestion]}/accept"));
        using var unknown = await client.SendAsync(AdminSite.WithKey(HttpMethod.Post, "/admin/suggestions/987654/accept"));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("The knowledge already asks &quot;is steam good for pores&quot; (pair 503", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(before, Directory.GetFiles(site.KnowledgeFolder, "*.qna").ToDictionary(file => file, File.ReadAllBytes));
    }

    [GeneratedRegex("<svg .*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();
}
