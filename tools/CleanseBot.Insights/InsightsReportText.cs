using System.Globalization;
using CleanseBot.ContentReview;

namespace CleanseBot.Insights;

/// <summary>The report as the command prints it: plain text a content owner reads in a terminal or pastes into an issue.</summary>
internal static class InsightsReportText
{
    public static void Print(this InsightsReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"CleanseBot insights, {report.Since:yyyy-MM-dd HH:mm} to {report.Until:yyyy-MM-dd HH:mm} UTC: {report.Messages:N0} messages in {report.Conversations:N0} conversations"));
        output.WriteLine();

        output.WriteLine("Top unanswered messages (the guide does not cover them), grouped by similarity");
        if (report.Unanswered.Count == 0)
        {
            output.WriteLine("  none");
        }

        foreach (var group in report.Unanswered)
        {
            output.WriteLine(string.Create(culture, $"  {group.Count,5}  \"{group.Wordings[0]}\""));
            foreach (var wording in group.Wordings.Skip(1).Take(InsightsReport.Examples - 1))
            {
                output.WriteLine($"         also \"{wording}\"");
            }
        }

        output.WriteLine();
        output.WriteLine("Answers most often rated not helpful (pair id in knowledge/, not helpful / helpful)");
        if (report.Unhelpful.Count == 0)
        {
            output.WriteLine("  none");
        }

        foreach (var answer in report.Unhelpful)
        {
            output.WriteLine(string.Create(culture, $"  pair {answer.PairId,4}: {answer.NotHelpful} not helpful / {answer.Helpful} helpful"));
            foreach (var message in answer.Examples)
            {
                output.WriteLine($"         asked \"{message}\"");
            }
        }

        output.WriteLine();
        output.WriteLine("Suggestions awaiting review (this message should find this pair; `accept <id>` adds it as an alternate question)");
        if (report.Suggestions.Count == 0)
        {
            output.WriteLine("  none");
        }

        foreach (var suggestion in report.Suggestions)
        {
            output.WriteLine(string.Create(culture, $"  {suggestion.Count,5}  \"{suggestion.Message}\" -> pair {suggestion.PairId} ({string.Join(", ", suggestion.Sources)})  id {suggestion.Id}"));
        }

        output.WriteLine();
        output.WriteLine("Rates per day (share of that day's messages)");
        output.WriteLine("  day         messages  answered   refused  did you mean  red flag");
        foreach (var day in report.Days)
        {
            output.WriteLine(string.Create(culture,
                $"  {day.Day:yyyy-MM-dd} {day.Messages,9:N0} {Share(day.Answered, day.Messages),9} {Share(day.Refused, day.Messages),9} {Share(day.DidYouMean, day.Messages),13} {Share(day.RedFlags, day.Messages),9}"));
        }

        if (report.Days.Count == 0)
        {
            output.WriteLine("  no messages in this period");
        }
    }

    // "50.0%": the invariant culture's percent format would write "50.0 %".
    private static string Share(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
