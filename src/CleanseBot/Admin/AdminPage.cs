using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CleanseBot.ContentReview;

namespace CleanseBot.Admin;

/// <summary>
/// The admin pages' HTML, written by the server: the login form, and the insights report (the same as the insights
/// command prints) with the rates chart and a form to accept each suggestion. No script; every text from the log is
/// encoded.
/// </summary>
internal static class AdminPage
{
    /// <summary>The periods offered; any other the command line takes (<c>?since=2026-11-01</c>) works too.</summary>
    public static readonly string[] Periods = ["24h", "7d", "30d", "90d"];

    /// <summary>The one style sheet, inline; the content security policy allows it by its hash (AdminResponses).</summary>
    public const string Style = """
        body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #111; background: #fff; }
        header { display: flex; justify-content: space-between; align-items: center; padding: 12px 24px; background: #1f3a5f; color: #fff; }
        header h1 { font-size: 20px; margin: 0; }
        main { max-width: 1000px; margin: 0 auto; padding: 16px 24px 48px; }
        h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        .also { color: #444; font-size: 14px; }
        .notice { padding: 8px 12px; border-left: 4px solid #1f3a5f; background: #eef3f9; }
        .refused { border-left-color: #a4262c; background: #fbeeee; }
        .chart { width: 100%; height: auto; max-width: 760px; }
        button { font: inherit; padding: 4px 12px; cursor: pointer; }
        label { margin-right: 8px; }
        input[type=password] { font: inherit; padding: 4px 8px; width: 24em; max-width: 100%; }
        """;

    public static string Login(string? problem)
    {
        var body = new StringBuilder();
        body.Append("<main><h2>Log in</h2>");
        if (problem is not null)
        {
            body.Append("<p class=\"notice refused\" role=\"alert\">").Append(Encode(problem)).Append("</p>");
        }

        body.Append("<p>This page shows what visitors asked. Enter the admin key (the service's <code>Admin:ApiKey</code>).</p>");
        body.Append("<form method=\"post\" action=\"/admin/login\"><label for=\"key\">Admin key</label>");
        body.Append("<input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"current-password\" required> <button type=\"submit\">Log in</button></form></main>");
        return Layout("Log in", body.ToString(), logout: null);
    }

    public static string Message(string title, string text) => Layout(title, $"<main><p class=\"notice refused\" role=\"alert\">{Encode(text)}</p></main>", logout: null);

    public static string Report(AdminReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var body = new StringBuilder("<main>");
        if (view.Notice is { } notice)
        {
            body.Append(Invariant($"<p class=\"notice{(notice.Refused ? " refused" : "")}\" role=\"status\">")).Append(Encode(notice.Text)).Append("</p>");
        }

        body.Append("<form method=\"get\" action=\"/admin\"><label for=\"since\">Period</label><select id=\"since\" name=\"since\">");
        foreach (var period in Periods.Contains(view.Since, StringComparer.Ordinal) ? Periods : [.. Periods, view.Since])
        {
            body.Append(Invariant($"<option value=\"{Encode(period)}\"{(period == view.Since ? " selected" : "")}>{Encode(PeriodName(period))}</option>"));
        }

        body.Append("</select> <button type=\"submit\">Show</button></form>");
        if (view.Report is not { } report)
        {
            body.Append("<p class=\"notice\">The question log is off (<code>QuestionLog:Enabled</code> is false), so there is nothing to show.</p></main>");
            return Layout("Insights", body.ToString(), view.FormToken);
        }

        body.Append(Invariant($"<p>{report.Since:yyyy-MM-dd HH:mm} to {report.Until:yyyy-MM-dd HH:mm} UTC: {report.Messages:N0} messages in {report.Conversations:N0} conversations.</p>"));
        Unanswered(body, report);
        Unhelpful(body, report);
        Suggestions(body, view);
        Rates(body, report);
        body.Append("</main>");
        return Layout("Insights", body.ToString(), view.FormToken);
    }

    private static void Unanswered(StringBuilder body, InsightsReport report)
    {
        if (!Section(body, "unanswered", "Top unanswered messages (the guide does not cover them), grouped by similarity", report.Unanswered.Count, "<th scope=\"col\" class=\"n\">Times</th><th scope=\"col\">Message, and other wordings</th>"))
        {
            return;
        }

        foreach (var group in report.Unanswered)
        {
            body.Append(Invariant($"<tr><td class=\"n\">{group.Count:N0}</td><td>")).Append(Encode(group.Wordings[0]));
            foreach (var wording in group.Wordings.Skip(1).Take(InsightsReport.Examples - 1))
            {
                body.Append("<div class=\"also\">also \"").Append(Encode(wording)).Append("\"</div>");
            }

            body.Append("</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    private static void Unhelpful(StringBuilder body, InsightsReport report)
    {
        if (!Section(body, "unhelpful", "Answers most often rated not helpful", report.Unhelpful.Count, "<th scope=\"col\">Pair</th><th scope=\"col\" class=\"n\">Not helpful</th><th scope=\"col\" class=\"n\">Helpful</th><th scope=\"col\">Asked</th>"))
        {
            return;
        }

        foreach (var answer in report.Unhelpful)
        {
            body.Append(Invariant($"<tr><td>{answer.PairId}</td><td class=\"n\">{answer.NotHelpful:N0}</td><td class=\"n\">{answer.Helpful:N0}</td><td>"));
            body.AppendJoin("", answer.Examples.Select(static message => $"<div>\"{Encode(message)}\"</div>")).Append("</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    private static void Suggestions(StringBuilder body, AdminReportView view)
    {
        var report = view.Report!;
        var intro = "<p>Visitors' choices say this message should find this pair. Accept writes it as an alternate question into the pair's <code>.qna</code> file in <code>"
            + Encode(view.KnowledgeFolder) + "</code>; review the change like code before it ships.</p>";
        if (!Section(body, "suggestions", "Suggestions awaiting review", report.Suggestions.Count, "<th scope=\"col\">Id</th><th scope=\"col\" class=\"n\">Times</th><th scope=\"col\">Message</th><th scope=\"col\">Pair</th><th scope=\"col\">From</th><th scope=\"col\">Action</th>", intro))
        {
            return;
        }

        foreach (var suggestion in report.Suggestions)
        {
            body.Append(Invariant($"<tr><td>{suggestion.Id}</td><td class=\"n\">{suggestion.Count:N0}</td><td>\"")).Append(Encode(suggestion.Message))
                .Append(Invariant($"\"</td><td>{suggestion.PairId}</td><td>{Encode(string.Join(", ", suggestion.Sources))}</td><td>"))
                .Append(Invariant($"<form method=\"post\" action=\"/admin/suggestions/{suggestion.Id}/accept\">"))
                .Append(Hidden(view.FormToken))
                .Append("<input type=\"hidden\" name=\"since\" value=\"").Append(Encode(view.Since)).Append("\">")
                .Append(Invariant($"<button type=\"submit\" aria-label=\"Accept &quot;{Encode(suggestion.Message)}&quot; as an alternate question of pair {suggestion.PairId}\">Accept</button></form></td></tr>"));
        }

        body.Append("</tbody></table></section>");
    }

    private static void Rates(StringBuilder body, InsightsReport report)
    {
        var chart = "<figure>" + RatesChart.Render(report.Days) + "</figure>";
        if (!Section(body, "rates", "Rates per day (share of that day's messages)", report.Days.Count, "<th scope=\"col\">Day</th><th scope=\"col\" class=\"n\">Messages</th><th scope=\"col\" class=\"n\">Answered</th><th scope=\"col\" class=\"n\">Refused</th><th scope=\"col\" class=\"n\">Did you mean</th><th scope=\"col\" class=\"n\">Red flag</th>", chart, "No messages in this period."))
        {
            return;
        }

        foreach (var day in report.Days)
        {
            body.Append(Invariant($"<tr><th scope=\"row\">{day.Day:yyyy-MM-dd}</th><td class=\"n\">{day.Messages:N0}</td><td class=\"n\">{Share(day.Answered, day.Messages)}</td><td class=\"n\">{Share(day.Refused, day.Messages)}</td><td class=\"n\">{Share(day.DidYouMean, day.Messages)}</td><td class=\"n\">{Share(day.RedFlags, day.Messages)}</td></tr>"));
        }

        body.Append("</tbody></table></section>");
    }

    // A section's heading, then either what it says when there is nothing ("None.") or what comes before its table
    // and the table's head; false when there is nothing to list.
    private static bool Section(StringBuilder body, string id, string heading, int count, string columns, string intro = "", string empty = "None.")
    {
        body.Append(Invariant($"<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{Encode(heading)}</h2>"));
        if (count == 0)
        {
            body.Append("<p>").Append(empty).Append("</p></section>");
            return false;
        }

        body.Append(intro).Append("<table><thead><tr>").Append(columns).Append("</tr></thead><tbody>");
        return true;
    }

    private static string Layout(string title, string body, AdminFormToken? logout)
    {
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.Append("<title>").Append(Encode(title)).Append(" - CleanseBot admin</title><style>").Append(Style).Append("</style></head><body>");
        page.Append("<header><h1>CleanseBot insights</h1>");
        if (logout is not null)
        {
            page.Append("<form method=\"post\" action=\"/admin/logout\">").Append(Hidden(logout)).Append("<button type=\"submit\">Log out</button></form>");
        }

        page.Append("</header>").Append(body).Append("</body></html>");
        return page.ToString();
    }

    private static string Hidden(AdminFormToken? token) =>
        token is null ? "" : $"<input type=\"hidden\" name=\"{Encode(token.FieldName)}\" value=\"{Encode(token.Value)}\">";

    private static string PeriodName(string period) => period switch
    {
        "24h" => "last 24 hours",
        "7d" => "last 7 days",
        "30d" => "last 30 days",
        "90d" => "last 90 days",
        _ => "since " + period,
    };

    private static string Share(int part, int whole) => whole == 0 ? "-" : ((double)part / whole).ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What the report page shows: the report (null when the question log is off), the period asked, and the result of an action.</summary>
internal sealed record AdminReportView(InsightsReport? Report, string Since, string KnowledgeFolder, AdminFormToken? FormToken, AdminNotice? Notice);

/// <summary>The antiforgery token a form posts back, and the name of its field.</summary>
internal sealed record AdminFormToken(string FieldName, string Value);

/// <summary>What an action did, shown at the top of the page.</summary>
internal sealed record AdminNotice(string Text, bool Refused);
