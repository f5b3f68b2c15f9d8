using System.Text.Json;

namespace CleanseBot.Knowledge.Ranking;

/// <summary>
/// The learned answer to "does this pair answer this message?": a logistic regression over a candidate's
/// <see cref="CandidateSignals"/> and the message's words (<see cref="MessageWords"/>), trained offline on the labelled
/// evaluation sets (the evaluation command's <c>--train</c>) and shipped as <c>Ranking/Answerability.json</c> inside
/// this assembly. Its probability is the
/// candidate's confidence: it orders the candidates and decides between answering, "did you mean" and the honest
/// refusal, so the weights that used to be set by hand are fitted to data, and each signal's part of a decision can be
/// shown (<see cref="Explain"/>). The words carry what the signals cannot: that a message about a price, a booking,
/// a shampoo or the weather is about something the guide is not, whatever words it shares with a passage.
/// </summary>
public sealed class AnswerabilityModel
{
    /// <summary>The name a word's part goes by in <see cref="Explain"/>.</summary>
    public const string WordPrefix = "word: ";

    private const string ResourceName = "CleanseBot.Knowledge.Answerability.json";

    private static readonly Lazy<AnswerabilityModel?> ShippedModel = new(ReadShipped);

    public AnswerabilityModel(LinearModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        file.Check(FeatureNames, "answerability model");
        File = file;
    }

    /// <summary>The name of the passage classifier's probability of the candidate's pair among the model's features.</summary>
    public const string PassageFeature = "passage-probability";

    /// <summary>
    /// What the model weighs besides the words: the candidate's signals, then the passage classifier's probability of
    /// its pair (<see cref="CandidateSignals.PassageProbability"/>); a candidate the classifier did not read weighs it
    /// at the training mean, as nothing.
    /// </summary>
    public static IReadOnlyList<string> FeatureNames { get; } = [.. CandidateSignals.Names, PassageFeature];

    /// <summary>The model built into this assembly; null only in a build without the file.</summary>
    public static AnswerabilityModel? Shipped => ShippedModel.Value;

    /// <summary>The model as written to its file: weights, the normalisation, and what it was trained on.</summary>
    public LinearModelFile File { get; }

    /// <summary>The probability that the candidate with these signals answers the message of <paramref name="words"/> (<see cref="MessageWords"/>), 0 to 1.</summary>
    public double Probability(CandidateSignals signals, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(words);
        Span<double> features = stackalloc double[FeatureNames.Count];
        Features(signals, features);
        var logit = File.Score(features);

        if (File.Words is { } byWord)
        {
            foreach (var word in words)
            {
                logit += byWord.GetValueOrDefault(word);
            }
        }

        return 1 / (1 + Math.Exp(-logit));
    }

    /// <summary>
    /// Each signal's part, and each word's that the model knows (named <see cref="WordPrefix"/> and the word), in the
    /// log-odds of <see cref="Probability"/> (the bias is the rest), largest first.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> Explain(CandidateSignals signals, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(words);
        var features = new double[FeatureNames.Count];
        Features(signals, features);
        var byWord = File.Words ?? new Dictionary<string, double>();
        return [.. FeatureNames
            .Select((name, i) => KeyValuePair.Create(name, File.Part(i, features[i])))
            .Concat(words.Where(byWord.ContainsKey).Select(word => KeyValuePair.Create(WordPrefix + word, byWord[word])))
            .OrderByDescending(static part => Math.Abs(part.Value))];
    }

    /// <summary>The model's features for a candidate, in the order of <see cref="FeatureNames"/>.</summary>
    public void Features(CandidateSignals signals, Span<double> features)
    {
        ArgumentNullException.ThrowIfNull(signals);
        signals.Features(features);
        features[CandidateSignals.Names.Count] = signals.PassageProbability ?? File.Mean[CandidateSignals.Names.Count];
    }

    public static AnswerabilityModel Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<LinearModelFile>(json, ModelJson.Indented) ?? throw new InvalidDataException("The answerability model file is empty.");
        return new AnswerabilityModel(file);
    }

    public string ToJson() => JsonSerializer.Serialize(File, ModelJson.Indented) + "\n";

    private static AnswerabilityModel? ReadShipped() => ModelJson.Shipped(ResourceName) is { } json ? Parse(json) : null;
}
