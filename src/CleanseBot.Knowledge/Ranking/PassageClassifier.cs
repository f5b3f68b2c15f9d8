using System.Globalization;
using System.Text.Json;

namespace CleanseBot.Knowledge.Ranking;

/// <summary>
/// Which pair a message asks about, learned from the words of the knowledge's own questions and of the labelled
/// messages of the training sets: a multinomial logistic regression over the message's words (<see cref="MessageWords"/>),
/// one weight per word and pair. Where the search weighs a word by how rare it is, the classifier has learned which pair
/// a word points to however common it is ("make-up" and "appointment" to wearing make-up to a facial), and which words
/// point nowhere. The passage ranker (<see cref="PassageRanker"/>) weighs its log-probability beside the search's signals.
/// Trained offline with the other models (the evaluation command's <c>--train</c>); a pair added to the knowledge since
/// is one it does not know (<see cref="Knows"/>).
/// </summary>
public sealed class PassageClassifier
{
    private readonly Dictionary<int, int> _column;
    private readonly IReadOnlyDictionary<string, double[]> _words;

    public PassageClassifier(ClassifierFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Pairs.Count == 0 || file.Bias.Length != file.Pairs.Count || file.Pairs.Distinct().Count() != file.Pairs.Count
            || file.Words.Values.Any(weights => weights.Length != file.Pairs.Count)
            || file.Bias.Concat(file.Words.Values.SelectMany(static weights => weights)).Any(static w => !double.IsFinite(w)))
        {
            throw new InvalidDataException("The passage classifier needs distinct pairs, and a finite bias and word weight for each.");
        }

        File = file;
        _column = file.Pairs.Select(static (id, i) => (id, i)).ToDictionary(static entry => entry.id, static entry => entry.i);
        _words = file.Words;
    }

    /// <summary>The classifier as written to its file.</summary>
    public ClassifierFile File { get; }

    /// <summary>Whether the classifier was trained with pair <paramref name="pairId"/>.</summary>
    public bool Knows(int pairId) => _column.ContainsKey(pairId);

    /// <summary>The log-probability of each pair the classifier knows, by pair id, for a message of <paramref name="words"/>.</summary>
    public LogProbabilities Read(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var logits = (double[])File.Bias.Clone();
        foreach (var word in words)
        {
            if (_words.TryGetValue(word, out var weights))
            {
                for (var i = 0; i < logits.Length; i++)
                {
                    logits[i] += weights[i];
                }
            }
        }

        var max = logits.Max();
        double sum = 0;
        foreach (var logit in logits)
        {
            sum += Math.Exp(logit - max);
        }

        var normaliser = max + Math.Log(sum);
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] -= normaliser;
        }

        return new LogProbabilities(_column, logits);
    }

    public static PassageClassifier Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new PassageClassifier(JsonSerializer.Deserialize<ClassifierFile>(json, ModelJson.Compact) ?? throw new InvalidDataException("The passage classifier file is empty."));
    }

    // One line: some 45,000 weights, which no one reads by eye and a diff would only list.
    public string ToJson() => JsonSerializer.Serialize(File, ModelJson.Compact) + "\n";

    /// <summary>One message's log-probabilities, by pair id.</summary>
    public readonly struct LogProbabilities(Dictionary<int, int> column, double[] values)
    {
        public double Of(int pairId) => values[column[pairId]];
    }

    /// <summary>
    /// The classifier's file: its pairs in column order, a bias for each, and for each word a weight for each.
    /// <see cref="Fingerprint"/> identifies the training data, as in the other model files.
    /// </summary>
    public sealed record ClassifierFile(
        string Fingerprint,
        IReadOnlyList<string> TrainedOn,
        IReadOnlyList<int> Pairs,
        double[] Bias,
        IReadOnlyDictionary<string, double[]> Words)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Fingerprint} ({Pairs.Count} pairs, {Words.Count} words)");
    }
}
