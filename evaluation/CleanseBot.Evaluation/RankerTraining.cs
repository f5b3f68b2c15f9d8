using System.Globalization;
using System.Text;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Ranking;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Evaluation;

/// <summary>
/// Trains the <see cref="PassageRanker"/> and its <see cref="PassageClassifier"/>. Each answerable first message of the
/// training sets is searched in the search's own order, and each of its candidates becomes an example, positive when it
/// is the pair the message expects (messages whose pair is not among the candidates teach nothing about order). The
/// classifier's part of an example comes from a classifier trained without the example's set, as it will meet messages
/// it never saw; the shipped classifier learns from every set. ML.NET's L-BFGS logistic regression
/// (<see cref="LogisticRegression"/>) fits the ranker's weights.
/// </summary>
internal static class RankerTraining
{
    /// <summary>How many candidates each message's search gives the ranker to order: all that the search scores.</summary>
    public const int Candidates = 10;

    private const float L2Regularization = 1f;

    private sealed record Group(string Set, int Expected, string Message, IReadOnlyList<SearchCandidate> Candidates);

    /// <summary>
    /// The ranker to ship, and for each training set the ranker with a classifier trained without that set (for training
    /// the answerability model on candidates ranked as unseen messages will be), and how each set ranks when trained without it.
    /// </summary>
    public sealed record Trained(PassageRanker Ranker, IReadOnlyDictionary<string, PassageRanker> WithoutSet, string CrossValidation);

    public static Trained Train(
        KnowledgeBase knowledge, KnowledgeIndex index, IReadOnlyList<(string Set, IReadOnlyList<EvaluationCase> Cases)> sets, string fingerprint, IReadOnlyList<string> trainedOn)
    {
        ArgumentNullException.ThrowIfNull(index);
        var groups = new List<Group>();
        foreach (var (set, cases) in sets)
        {
            foreach (var (message, expected) in Labelled(cases))
            {
                groups.Add(new Group(set, expected, message, index.Search(message, Candidates, answerability: null, ranker: null).Candidates));
            }
        }

        var withoutSet = sets.ToDictionary(
            static set => set.Set,
            set => PassageClassifierTraining.Train(knowledge, sets.Where(other => other.Set != set.Set).SelectMany(static other => Labelled(other.Cases)), "without " + set.Set, []),
            StringComparer.Ordinal);
        var examples = groups.ToDictionary(static group => group, group => Examples(group, withoutSet[group.Set]));

        var file = Fit([.. examples.Values.SelectMany(static rows => rows)], fingerprint, trainedOn);
        var classifier = PassageClassifierTraining.Train(knowledge, sets.SelectMany(static set => Labelled(set.Cases)), fingerprint, trainedOn);
        return new Trained(
            new PassageRanker(file, classifier),
            withoutSet.ToDictionary(static entry => entry.Key, entry => new PassageRanker(file, entry.Value), StringComparer.Ordinal),
            CrossValidate(groups, examples));
    }

    private static IEnumerable<(string Message, int Pair)> Labelled(IReadOnlyList<EvaluationCase> cases) =>
        cases.Where(static c => c.Previous is null && c.IsAnswerable).Select(static c => (c.Message, c.ExpectedPairId!.Value));

    private static List<(double[] Features, bool Expected)> Examples(Group group, PassageClassifier classifier)
    {
        var rows = new List<(double[] Features, bool Expected)>(group.Candidates.Count);
        if (group.Candidates.All(candidate => candidate.Pair.Id != group.Expected))
        {
            return rows;
        }

        var classified = classifier.Read(MessageWords.Of(group.Message));
        foreach (var candidate in group.Candidates)
        {
            var features = new double[PassageRanker.FeatureNames.Count];
            PassageRanker.Features(candidate.Signals!, classified.Of(candidate.Pair.Id), features);
            rows.Add((features, candidate.Pair.Id == group.Expected));
        }

        return rows;
    }

    private static LinearModelFile Fit(List<(double[] Features, bool Expected)> rows, string fingerprint, IReadOnlyList<string> trainedOn)
    {
        var count = PassageRanker.FeatureNames.Count;
        var mean = new double[count];
        var scale = new double[count];
        for (var i = 0; i < count; i++)
        {
            mean[i] = Math.Round(rows.Average(row => row.Features[i]), 6);
            var variance = rows.Average(row => (row.Features[i] - mean[i]) * (row.Features[i] - mean[i]));
            // A feature that never varies in the data keeps a scale of 1: its weight then stays 0.
            scale[i] = variance > 1e-12 ? Math.Round(Math.Sqrt(variance), 6) : 1;
        }

        var (weights, bias) = LogisticRegression.Fit(
            [.. rows.Select(row => (row.Features.Select((value, i) => (float)((value - mean[i]) / scale[i])).ToArray(), row.Expected))], L2Regularization);
        return new LinearModelFile(fingerprint, trainedOn, PassageRanker.FeatureNames, mean, scale, weights, bias);
    }

    // Each set ranked by a ranker trained on the others (its classifier's part already without it), against the search's order.
    private static string CrossValidate(List<Group> groups, Dictionary<Group, List<(double[] Features, bool Expected)>> examples)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"Each set ranked by a ranker trained on the others: the expected pair first (answerable first messages)");
        text.AppendLine("set              messages   search's order   ranker   among the candidates");
        foreach (var set in groups.Select(static group => group.Set).Distinct(StringComparer.Ordinal))
        {
            var held = groups.Where(group => group.Set == set).ToList();
            var ranker = Fit([.. groups.Where(group => group.Set != set).SelectMany(group => examples[group])], "cross-validation", []);
            int searchFirst = 0, rankerFirst = 0, among = 0;
            foreach (var group in held)
            {
                var rows = examples[group];
                searchFirst += group.Candidates.Count > 0 && group.Candidates[0].Pair.Id == group.Expected ? 1 : 0;
                among += rows.Count > 0 ? 1 : 0;
                rankerFirst += rows.Count > 0 && rows.MaxBy(row => ranker.Score(row.Features)).Expected ? 1 : 0;
            }

            text.AppendLine(culture, $"{set,-16} {held.Count,8}   {(double)searchFirst / held.Count,14:P1}   {(double)rankerFirst / held.Count,6:P1}   {(double)among / held.Count,6:P1}");
        }

        return text.ToString();
    }
}
