using System.Security.Cryptography;
using System.Text;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Ranking;
using CleanseBot.Knowledge.Search;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CleanseBot.Evaluation;

/// <summary>
/// Trains the answerability model (<see cref="AnswerabilityModel"/>): every labelled message of the training sets is
/// searched, and its best candidate becomes an example, positive when it is the pair the message expects; negative
/// when it is another pair, or the guide does not cover the message, for either answer would be wrong. ML.NET's L-BFGS logistic
/// regression, on one thread and with the signals standardised, fits the weights; the same data always gives the same
/// model, which a test checks against the shipped file.
/// </summary>
internal static class AnswerabilityTraining
{
    // Enough to keep weights of correlated signals (the confidences and their parts) from trading off wildly.
    private const float L2Regularization = 1f;

    /// <summary>One training example: a candidate's signals, whether it answers its message, and the set it came from.</summary>
    public sealed record Example(string Set, int? Expected, CandidateSignals Signals, bool Answers);

    /// <summary>Reads <c>training-sets.txt</c> in <paramref name="folder"/>: the sets to train on, never a blind one.</summary>
    public static IReadOnlyList<(string Set, IReadOnlyList<EvaluationCase> Cases)> TrainingSets(string folder) =>
        [.. File.ReadAllLines(Path.Combine(folder, "training-sets.txt"))
            .Select(static line => line.Trim())
            .Where(static line => line.Length > 0 && !line.StartsWith('#'))
            .Select(set => (set, EvaluationSet.Load(Path.Combine(folder, set))))];

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
                    examples.Add(new Example(set, evaluationCase.ExpectedPairId, best.Signals!, best.Pair.Id == evaluationCase.ExpectedPairId));
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

        var rows = examples.Select((example, n) => new Row
        {
            Label = example.Answers,
            Features = [.. features[n].Select((value, i) => (float)((value - mean[i]) / scale[i]))],
        });

        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, count);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            L2Regularization = L2Regularization,
            L1Regularization = 0,
            NumberOfThreads = 1,
            OptimizationTolerance = 1e-8f,
            MaximumNumberOfIterations = 1000,
        });
        var linear = trainer.Fit(data).Model.SubModel;
        var weights = linear.Weights.Select(static w => Math.Round(w, 6)).ToArray();
        return new AnswerabilityModel(new AnswerabilityModel.ModelFile(
            fingerprint,
            trainedOn,
            CandidateSignals.Names,
            [.. mean.Select(static m => Math.Round(m, 6))],
            [.. scale.Select(static s => Math.Round(s, 6))],
            weights,
            Math.Round(linear.Bias, 6)));
    }

    /// <summary>
    /// Identifies what the model learns from: the training sets' text and the knowledge's pairs. The same fingerprint
    /// and the same search code give the same model.
    /// </summary>
    public static string Fingerprint(KnowledgeBase knowledge, IReadOnlyList<(string Set, IReadOnlyList<EvaluationCase> Cases)> sets)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        foreach (var (set, cases) in sets)
        {
            Add(set);
            foreach (var evaluationCase in cases)
            {
                Add($"{evaluationCase.Expected}\t{evaluationCase.Message}\t{evaluationCase.Previous}");
            }
        }

        foreach (var pair in knowledge.Pairs)
        {
            Add($"{pair.Id}\t{pair.Question}\t{string.Join("\t", pair.AlternateQuestions)}\t{pair.Answer}");
        }

        Add(knowledge.Synonyms.Text);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static double[] Features(CandidateSignals signals)
    {
        var features = new double[CandidateSignals.Names.Count];
        signals.Features(features);
        return features;
    }

    private sealed class Row
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
