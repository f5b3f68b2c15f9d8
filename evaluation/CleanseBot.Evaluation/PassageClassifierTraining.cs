using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Ranking;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CleanseBot.Evaluation;

/// <summary>
/// Trains the <see cref="PassageClassifier"/>: every question of the knowledge (its main question and alternates) and
/// every labelled message given, each an example of its pair; its features are the words (<see cref="MessageWords"/>)
/// that at least <see cref="MinExamples"/> examples hold. ML.NET's L-BFGS maximum-entropy trainer fits a weight per word
/// and pair, on one thread from a fixed seed, so that the same examples give the same classifier.
/// </summary>
internal static class PassageClassifierTraining
{
    // A word of one example would only learn that example's pair.
    private const int MinExamples = 2;

    // Chosen by cross-validation by set with the ranker (0.3 and 1 ranked alike; 3 a little worse): evaluation/README.md.
    private const float L2Regularization = 1f;

    public static PassageClassifier Train(KnowledgeBase knowledge, IEnumerable<(string Message, int Pair)> messages, string fingerprint, IReadOnlyList<string> trainedOn)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        int[] pairs = [.. knowledge.Pairs.Select(static pair => pair.Id)];
        var column = pairs.Select(static (id, i) => (id, i)).ToDictionary(static entry => entry.id, static entry => entry.i);
        var examples = knowledge.Pairs
            .SelectMany(static pair => pair.AlternateQuestions.Prepend(pair.Question).Select(question => (Message: question, Pair: pair.Id)))
            .Concat(messages.Where(message => column.ContainsKey(message.Pair)))
            .Select(static example => (Words: MessageWords.Of(example.Message), example.Pair))
            .ToList();
        string[] vocabulary = [.. examples.SelectMany(static example => example.Words)
            .CountBy(static word => word, StringComparer.Ordinal)
            .Where(static count => count.Value >= MinExamples)
            .Select(static count => count.Key)
            .Order(StringComparer.Ordinal)];
        var wordColumn = vocabulary.Select(static (word, i) => (word, i)).ToDictionary(static entry => entry.word, static entry => entry.i, StringComparer.Ordinal);

        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, vocabulary.Length);
        // Key values count from 1 (0 is a missing key), so the pair in column i is class i + 1 and class 0 is never seen.
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), (ulong)pairs.Length + 1);
        var rows = examples.Select(example =>
        {
            var features = new float[vocabulary.Length];
            foreach (var word in example.Words)
            {
                if (wordColumn.TryGetValue(word, out var i))
                {
                    features[i] = 1f;
                }
            }

            return new Row { Label = (uint)column[example.Pair] + 1, Features = features };
        });
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            L2Regularization = L2Regularization,
            L1Regularization = 0,
            NumberOfThreads = 1,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 500,
        });
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(rows, schema)).Model;
        VBuffer<float>[] byClass = [];
        model.GetWeights(ref byClass, out _);
        var classWeights = byClass.Skip(1).Select(static weights => weights.DenseValues().ToArray()).ToArray();
        var words = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        for (var w = 0; w < vocabulary.Length; w++)
        {
            words[vocabulary[w]] = [.. classWeights.Select(weights => Math.Round(weights[w], 4))];
        }

        double[] bias = [.. model.GetBiases().Skip(1).Select(static b => Math.Round(b, 4))];
        return new PassageClassifier(new PassageClassifier.ClassifierFile(fingerprint, trainedOn, pairs, bias, words));
    }

    private sealed class Row
    {
        public uint Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
