using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Ranking;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Evaluation;

/// <summary>
/// Trains the answerability model (<see cref="AnswerabilityModel"/>): every labelled message of the training sets is
/// searched, and its best candidate becomes an example, positive when it is the pair the message expects; negative
/// when it is another pair, or the guide does not cover the message, for either answer would be wrong. Its features
/// are the candidate's signals, standardised, and the message's words (<see cref="WordFeatures"/>). ML.NET's
/// L-BFGS logistic regression (<see cref="LogisticRegression"/>) fits the weights; the same data always gives the same
/// model, which a test checks against the shipped file.
/// </summary>
internal static class AnswerabilityTraining
{
    // Enough to keep weights of correlated signals (the confidences and their parts) from trading off wildly.
    private const float L2Regularization = 1f;

    /// <summary>One training example: a candidate's signals, its message's words, whether it answers it, and the set it came from.</summary>
    public sealed record Example(string Set, int? Expected, CandidateSignals Signals, IReadOnlyList<string> Words, bool Answers);

    /// <summary>
    /// The examples of <paramref name="sets"/>: first messages only, for the follow-ups' candidates depend on the
    /// conversation. Each set's candidates are ordered by its ranker in <paramref name="rankers"/>, which never learned
    /// from it, so that the model learns from what the ranker puts first for a message it never saw.
    /// </summary>
    public static IReadOnlyList<Example> Examples(
        KnowledgeIndex index, IReadOnlyList<(string Set, IReadOnlyList<EvaluationCase> Cases)> sets, IReadOnlyDictionary<string, PassageRanker> rankers)
    {
        var examples = new List<Example>();
        foreach (var (set, cases) in sets)
        {
            foreach (var evaluationCase in cases)
            {
                if (evaluationCase.Previous is not null || !(evaluationCase.IsAnswerable || evaluationCase.Expected == EvaluationCase.None))
                {
                    continue;
                }

                if (index.Search(evaluationCase.Message, 1, answerability: null, rankers[set]).Best is { } best)
                {
                    examples.Add(new Example(
                        set, evaluationCase.ExpectedPairId, best.Signals!, MessageWords.Of(evaluationCase.Message), best.Pair.Id == evaluationCase.ExpectedPairId));
                }
            }
        }

        return examples;
    }

    /// <summary>Fits the model to <paramref name="examples"/>; <paramref name="fingerprint"/> and <paramref name="trainedOn"/> go into its file.</summary>
    public static AnswerabilityModel Train(IReadOnlyList<Example> examples, string fingerprint, IReadOnlyList<string> trainedOn)
    {
        var count = AnswerabilityModel.FeatureNames.Count;
        var features = examples.Select(static example => Features(example.Signals)).ToList();
        var mean = new double[count];
        var scale = new double[count];
        for (var i = 0; i < count; i++)
        {
            mean[i] = features.Average(f => f[i]);
            var variance = features.Average(f => (f[i] - mean[i]) * (f[i] - mean[i]));
            // A signal that never varies in the data keeps a scale of 1: its weight then stays 0.
            scale[i] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }

        var words = new WordFeatures(examples.Select(static example => example.Words), firstColumn: count);
        float[] Row(Example example, double[] signals)
        {
            var row = new float[count + words.Count];
            for (var i = 0; i < count; i++)
            {
                row[i] = (float)((signals[i] - mean[i]) / scale[i]);
            }

            words.Set(example.Words, row);
            return row;
        }

        var (weights, bias) = LogisticRegression.Fit([.. examples.Select((example, n) => (Row(example, features[n]), example.Answers))], L2Regularization);
        return new AnswerabilityModel(new LinearModelFile(
            fingerprint,
            trainedOn,
            AnswerabilityModel.FeatureNames,
            [.. mean.Select(static m => Math.Round(m, 6))],
            [.. scale.Select(static s => Math.Round(s, 6))],
            weights[..count],
            bias,
            words.Weights(weights)));
    }

    // Every training search is ordered by a ranker whose classifier knows every pair, so each best candidate has its
    // passage probability.
    private static double[] Features(CandidateSignals signals)
    {
        var features = new double[AnswerabilityModel.FeatureNames.Count];
        signals.Features(features);
        features[CandidateSignals.Names.Count] = signals.PassageProbability ?? throw new InvalidOperationException("A training candidate the passage classifier did not read.");
        return features;
    }
}
