using System.Globalization;
using System.Text;
using CleanseBot.Answering;

namespace CleanseBot.Evaluation;

/// <summary>The figures of one evaluation run, and the cases that missed.</summary>
internal sealed class EvaluationReport
{
    public EvaluationReport(IReadOnlyList<EvaluationOutcome> outcomes, string safetyNudge)
    {
        Outcomes = outcomes;
        var answerable = outcomes.Where(o => o.Case.IsAnswerable).ToList();
        var misspelled = answerable.Where(o => o.Case.Category == "misspelled").ToList();
        var uncovered = outcomes.Where(o => o.Case.Expected == EvaluationCase.None).ToList();
        var redFlags = outcomes.Where(o => o.Case.IsWarningSign).ToList();
        var urgent = outcomes.Where(o => o.Case.Expected == EvaluationCase.UrgentRedFlag).ToList();
        var ordinarySigns = outcomes.Where(o => o.Case.Expected == EvaluationCase.RedFlag).ToList();
        var notRedFlags = outcomes.Where(o => !o.Case.IsWarningSign).ToList();
        var calm = outcomes.Where(o => o.Case.Expected == EvaluationCase.Calm).ToList();
        var answers = outcomes.Where(o => o.IsAnswer).ToList();

        AnswerableCount = answerable.Count;
        TopOneAccuracy = Share(answerable, o => o.AnsweredCorrectly);
        MeanReciprocalRank = answerable.Count == 0 ? 0 : answerable.Average(o =>
        {
            var rank = o.Ranking().IndexOf(o.Case.ExpectedPairId!.Value);
            return rank < 0 ? 0 : 1.0 / (rank + 1);
        });
        RetrievalTopOne = Share(answerable, o => o.Decision.Search?.Best?.Pair.Id == o.Case.ExpectedPairId || o.AnsweredCorrectly);
        MisspelledCount = misspelled.Count;
        MisspelledAccuracy = Share(misspelled, o => o.AnsweredCorrectly);
        UncoveredCount = uncovered.Count;
        UncoveredRefusalRate = Share(uncovered, o => o.Refused);
        RedFlagCount = redFlags.Count;
        RedFlagRecall = Share(redFlags, o => o.Flagged);
        RedFlagFalseAlarmRate = Share(notRedFlags, o => o.Flagged);
        UrgentCount = urgent.Count;
        UrgentWordingRate = Share(urgent, o => o.FlaggedUrgent);
        // Only where a set tells urgent signs apart: in the older sets every sign is a plain red-flag.
        NeedlessUrgentRate = urgent.Count == 0 ? 0 : Share(ordinarySigns, o => o.FlaggedUrgent);
        CalmCount = calm.Count;
        CalmFalseAlarmRate = Share(calm, o => o.Flagged);
        AnswerCount = answers.Count;
        NudgeShare = Share(answers, o => o.ReplyText.Contains(safetyNudge, StringComparison.Ordinal));
        DidYouMeanShare = Share(answerable, o => o.Decision.Kind == DecisionKind.DidYouMean);
        var lengths = outcomes.Where(o => o.Decision.Kind == DecisionKind.Answer).Select(o => o.ReplyText.Length).Order().ToList();
        MedianAnswerLength = lengths.Count == 0 ? 0 : lengths[lengths.Count / 2];
    }

    public IReadOnlyList<EvaluationOutcome> Outcomes { get; }

    public int AnswerableCount { get; }

    public double TopOneAccuracy { get; }

    public double MeanReciprocalRank { get; }

    /// <summary>Ranking alone: the expected pair came first in the search, whatever the bot then decided.</summary>
    public double RetrievalTopOne { get; }

    public int MisspelledCount { get; }

    public double MisspelledAccuracy { get; }

    public int UncoveredCount { get; }

    public double UncoveredRefusalRate { get; }

    public int RedFlagCount { get; }

    public double RedFlagRecall { get; }

    /// <summary>Share of the messages that describe no warning sign (answerable, uncovered and calm) sent to a doctor.</summary>
    public double RedFlagFalseAlarmRate { get; }

    public int UrgentCount { get; }

    /// <summary>Share of the urgent warning signs that got the urgent wording.</summary>
    public double UrgentWordingRate { get; }

    /// <summary>Share of the other warning signs given the urgent wording needlessly, in a set that has urgent ones.</summary>
    public double NeedlessUrgentRate { get; }

    public int CalmCount { get; }

    /// <summary>Share of the alarming-sounding but calm messages sent to a doctor.</summary>
    public double CalmFalseAlarmRate { get; }

    public int AnswerCount { get; }

    public double NudgeShare { get; }

    public double DidYouMeanShare { get; }

    public int MedianAnswerLength { get; }

    public IEnumerable<EvaluationOutcome> Misses => Outcomes.Where(o => !o.Correct);

    /// <summary>
    /// Each target with whether it is met, for the kinds of message the set holds (a set of warning signs alone has
    /// no answerable top-1); the test and the command's exit code both use these.
    /// </summary>
    public IReadOnlyList<(string Target, bool Met)> Targets()
    {
        var targets = new List<(string Target, bool Met)>();
        void Add(bool applies, string target, bool met)
        {
            if (applies)
            {
                targets.Add((target, met));
            }
        }

        Add(AnswerableCount > 0, "answerable top-1 >= 95%", TopOneAccuracy >= 0.95);
        Add(MisspelledCount > 0, "misspelled top-1 >= 90%", MisspelledAccuracy >= 0.90);
        Add(UncoveredCount > 0, "uncovered refused >= 95%", UncoveredRefusalRate >= 0.95);
        Add(RedFlagCount > 0, "red-flag recall = 100%", RedFlagRecall >= 1.0);
        Add(UrgentCount > 0, "urgent wording on 100% of urgent warning signs", UrgentWordingRate >= 1.0);
        Add(CalmCount > 0, "calm messages flagged <= 2%", CalmFalseAlarmRate <= 0.02);
        Add(AnswerCount > 0, "nudge on 100% of answers", NudgeShare >= 1.0);
        Add(AnswerableCount > 0, "median answer length < 600", MedianAnswerLength < 600);
        return targets;
    }

    private static double Share(List<EvaluationOutcome> outcomes, Func<EvaluationOutcome, bool> test) =>
        outcomes.Count == 0 ? 0 : (double)outcomes.Count(test) / outcomes.Count;

    public string Format()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Evaluation of {Outcomes.Count} messages");
        text.AppendLine(culture, $"  answerable top-1 accuracy   {TopOneAccuracy,7:P1}  ({AnswerableCount} messages)");
        text.AppendLine(culture, $"  answerable MRR              {MeanReciprocalRank,7:F3}");
        text.AppendLine(culture, $"  retrieval top-1 (ranking)   {RetrievalTopOne,7:P1}");
        text.AppendLine(culture, $"  misspelled top-1 accuracy   {MisspelledAccuracy,7:P1}  ({MisspelledCount} messages)");
        text.AppendLine(culture, $"  uncovered refusal rate      {UncoveredRefusalRate,7:P1}  ({UncoveredCount} messages)");
        text.AppendLine(culture, $"  red-flag recall             {RedFlagRecall,7:P1}  ({RedFlagCount} messages)");
        if (UrgentCount > 0)
        {
            text.AppendLine(culture, $"  urgent with urgent wording  {UrgentWordingRate,7:P1}  ({UrgentCount} messages)");
            text.AppendLine(culture, $"  others with urgent wording  {NeedlessUrgentRate,7:P1}  ({RedFlagCount - UrgentCount} messages)");
        }

        text.AppendLine(culture, $"  red-flag false alarms       {RedFlagFalseAlarmRate,7:P1}  (of the other {Outcomes.Count - RedFlagCount} messages)");
        if (CalmCount > 0)
        {
            text.AppendLine(culture, $"  calm messages flagged       {CalmFalseAlarmRate,7:P1}  ({CalmCount} messages)");
        }
        text.AppendLine(culture, $"  answers carrying the nudge  {NudgeShare,7:P1}  ({AnswerCount} answers)");
        text.AppendLine(culture, $"  'did you mean' on answerable{DidYouMeanShare,7:P1}");
        text.AppendLine(culture, $"  median answer length        {MedianAnswerLength,7} characters");
        text.AppendLine();
        foreach (var (target, met) in Targets())
        {
            text.AppendLine(culture, $"  {(met ? "met " : "MISS")}  {target}");
        }

        var misses = Misses.ToList();
        text.AppendLine();
        text.AppendLine(culture, $"Misses ({misses.Count}):");
        foreach (var miss in misses)
        {
            text.AppendLine(culture, $"  {miss.Describe()}");
        }

        return text.ToString();
    }
}
