using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Ranking;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Evaluation;

/// <summary>
/// Trains the answerability model (<see cref="AnswerabilityModel"/>): every labelled message of the training sets is
/// searched, and its best candidate becomes an example, positive when it is the pair the message expects; negative
/// when it is another pair, or the guide does not cover the message, for either answer would be wrong. Its features
/// are the candidate's signals, standardised, and the message's words, those of at least a few examples. ML.NET's
/// L-BFGS logistic regression (<see cref="LogisticRegression"/>) fits the weights; the same data always gives the same
/// model, which a test checks against the shipped file.
/// </summary>
internal static class AnswerabilityTraining
{
    // Enough to keep weights of correlated signals (the confidences and their parts) from trading off wildly.
    private const float L2Regularization = 1f;

    // A word of one or two messages would only learn that message's label.
    private const int MinExamplesOfAWord = 3;

    /// <summary>One training example: a candidate's signals, its message's words, whether it answers it, and the set it came from.</summary>
    public sealed record Example(string Set, int? Expected, CandidateSignals Signals, IReadOnlyList<string> Words, bool Answers);

    /// <summary>The examples of <paramref name="sets"/>: first messages only, for the follow-ups' candidates depend on the conversation.</summary>
    public static IReadOnlyList<Example> Examples(KnowledgeIndex index, IReadOnlyList<(string Set, IReadOnlyList<EvaluationCase> Cases)> sets)
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

                if (index.Search(evaluationCase.Message, 1, answerability: null).Best is { } best)
                {
                    examples.Add(new Example(
                        set, evaluationCase.ExpectedPairId, best.Signals!, AnswerabilityModel.WordsOf(evaluationCase.Message), best.Pair.Id == evaluationCase.ExpectedPairId));
                }
            }
        }

        return examples;
    }

    /// <summary>Fits the model to <paramref name="examples"/>; <paramref name="fingerprint"/> and <paramref name="trainedOn"/> go into its file.</summary>
    public static AnswerabilityModel Train(IReadOnlyList<Example> examples, string fingerprint, IReadOnlyList<string> trainedOn)
    {
        var count = CandidateSignals.Names.Count;
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

        string[] vocabulary =
        [
            .. examples.SelectMany(static example => example.Words)
                .CountBy(static word => word, StringComparer.Ordinal)
                .Where(static words => words.Value >= MinExamplesOfAWord)
                .Select(static words => words.Key)
                .Order(StringComparer.Ordinal),
        ];
        var column = vocabulary.Select((word, i) => (word, i)).ToDictionary(static entry => entry.word, entry => count + entry.i, StringComparer.Ordinal);
        float[] Row(Example example, double[] signals)
        {
            var row = new float[count + vocabulary.Length];
            for (var i = 0; i < count; i++)
            {
                row[i] = (float)((signals[i] - mean[i]) / scale[i]);
            }

            foreach (var word in example.Words)
            {
                if (column.TryGetValue(word, out var i))
                {
                    row[i] = 1f;
                }
            }

            return row;
        }

        var (weights, bias) = LogisticRegression.Fit([.. examples.Select((example, n) => (Row(example, features[n]), example.Answers))], L2Regularization);
        var byWord = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (word, i) in column)
        {
            // A word the regression left at nothing is only bulk in the file.
            if (weights[i] != 0)
            {
                byWord[word] = weights[i];
            }
        }

        return new AnswerabilityModel(new AnswerabilityModel.ModelFile(
            fingerprint,
            trainedOn,
            CandidateSignals.Names,
            [.. mean.Select(static m => Math.Round(m, 6))],
            [.. scale.Select(static s => Math.Round(s, 6))],
            weights[..count],
            bias,
            byWord));
    }

    private static double[] Features(CandidateSignals signals)
    {
        var features = new double[CandidateSignals.Names.Count];
        signals.Features(features);
        return features;
    }
}
