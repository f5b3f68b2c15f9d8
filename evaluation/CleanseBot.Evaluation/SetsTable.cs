using System.Globalization;
using System.Text;

namespace CleanseBot.Evaluation;

/// <summary>
/// One line of figures for each evaluation set, side by side: what <c>-- --all</c> prints, so that a change is seen
/// on every set at once, the sets nobody tuned on among them. A dash stands for a kind of message the set lacks.
/// </summary>
internal static class SetsTable
{
    public static string Format(IReadOnlyList<(string Set, EvaluationReport Report)> sets)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("set                  messages  top-1   misspelled  refused  warnings  urgent  false alarms  calm flagged");
        foreach (var (set, report) in sets)
        {
            text.AppendLine(culture,
                $"{set,-20} {report.Outcomes.Count,8}  {Figure(report.AnswerableCount, report.TopOneAccuracy),6}  {Figure(report.MisspelledCount, report.MisspelledAccuracy),10}  " +
                $"{Figure(report.UncoveredCount, report.UncoveredRefusalRate),7}  {Figure(report.RedFlagCount, report.RedFlagRecall),8}  {Figure(report.UrgentCount, report.UrgentWordingRate),6}  " +
                $"{Figure(report.Outcomes.Count - report.RedFlagCount, report.RedFlagFalseAlarmRate),12}  {Figure(report.CalmCount, report.CalmFalseAlarmRate),12}");
        }

        return text.ToString();
    }

    private static string Figure(int count, double share) => count == 0 ? "-" : share.ToString("P1", CultureInfo.InvariantCulture);
}
