using System.Globalization;
using System.Text;
using CleanseBot.Answering;
using CleanseBot.Hosting;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Model;

namespace CleanseBot.Evaluation;

/// <summary>
/// A check of the knowledge against itself, with no evaluation set: each alternate question is asked of the
/// knowledge without it, and should still find its own pair. One that lands on another pair shows two pairs that
/// visitors' words cannot tell apart, which better-discriminating alternates (from the guide's text) can fix.
/// The alternates are left out in folds (fold k holds the k-th alternate of every pair, so about 30 index builds
/// instead of 1,700); leaving out one alternate in ~25 barely changes the statistics of the rest.
/// </summary>
internal static class LeaveOneOut
{
    public static async Task<LeaveOneOutReport> RunAsync(KnowledgeBase knowledge, AnsweringOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var folds = knowledge.Pairs.Max(static pair => pair.AlternateQuestions.Count);
        var outcomes = new List<LeftOut>();
        for (var fold = 0; fold < folds; fold++)
        {
            var asked = new List<(QnaPair Pair, string Alternate)>();
            var pairs = new List<QnaPair>(knowledge.Pairs.Count);
            foreach (var pair in knowledge.Pairs)
            {
                if (fold < pair.AlternateQuestions.Count)
                {
                    asked.Add((pair, pair.AlternateQuestions[fold]));
                    pairs.Add(pair with { AlternateQuestions = [.. pair.AlternateQuestions.Where((_, i) => i != fold)] });
                }
                else
                {
                    pairs.Add(pair);
                }
            }

            using var evaluator = Evaluator.Create(new KnowledgeBase(pairs, knowledge.Synonyms), options, new RerankerOptions());
            foreach (var (pair, alternate) in asked)
            {
                var decision = await evaluator.DecideAsync(alternate, cancellationToken).ConfigureAwait(false);
                outcomes.Add(new LeftOut(pair.Id, alternate, decision));
            }
        }

        return new LeaveOneOutReport(outcomes);
    }
}

/// <summary>An alternate asked of the knowledge without it, and what the bot decided.</summary>
internal sealed record LeftOut(int PairId, string Alternate, Decision Decision)
{
    public bool Answered => Decision.Kind == DecisionKind.Answer && Decision.Pair?.Id == PairId;

    public bool RankedFirst => Decision.Search?.Best?.Pair.Id == PairId;

    public int? LandedOn => Decision.Kind == DecisionKind.Answer ? Decision.Pair?.Id : Decision.Search?.Best?.Pair.Id;
}

internal sealed class LeaveOneOutReport(IReadOnlyList<LeftOut> outcomes)
{
    public IReadOnlyList<LeftOut> Outcomes { get; } = outcomes;

    public double AnsweredShare => Outcomes.Count == 0 ? 0 : (double)Outcomes.Count(static o => o.Answered) / Outcomes.Count;

    public double RankedFirstShare => Outcomes.Count == 0 ? 0 : (double)Outcomes.Count(static o => o.RankedFirst) / Outcomes.Count;

    public string Format()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Each alternate asked of the knowledge without it ({Outcomes.Count} alternates):");
        text.AppendLine(culture, $"  answered with its own pair   {AnsweredShare * 100,5:F1} %");
        text.AppendLine(culture, $"  own pair ranked first        {RankedFirstShare * 100,5:F1} %");
        text.AppendLine();
        text.AppendLine("Pairs confused most often (alternate's pair -> where it landed, how often):");
        var confusions = Outcomes
            .Where(static o => !o.RankedFirst && o.LandedOn is not null)
            .GroupBy(static o => (o.PairId, Landed: o.LandedOn!.Value))
            .OrderByDescending(static g => g.Count())
            .ThenBy(static g => g.Key.PairId);
        foreach (var group in confusions)
        {
            text.AppendLine(culture, $"  {group.Key.PairId} -> {group.Key.Landed}  {group.Count()}");
        }

        text.AppendLine();
        text.AppendLine("Alternates not answered with their own pair:");
        foreach (var outcome in Outcomes.Where(static o => !o.Answered).OrderBy(static o => o.PairId))
        {
            var decision = outcome.Decision;
            var what = decision.Kind == DecisionKind.Answer ? $"answered {decision.Pair!.Id}" : decision.Kind.ToString();
            var best = decision.Search?.Best is { } b ? $" (best {b.Pair.Id} at {b.Confidence.ToString("F2", culture)})" : string.Empty;
            text.AppendLine(culture, $"  {outcome.PairId}: {what}{best}: {outcome.Alternate}");
        }

        return text.ToString();
    }
}
