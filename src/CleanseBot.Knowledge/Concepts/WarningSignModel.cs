using System.Text.Json;
using CleanseBot.Knowledge.Ranking;

namespace CleanseBot.Knowledge.Concepts;

/// <summary>
/// A learned second reading of warning signs: a logistic regression over which concepts of
/// <c>knowledge/warning-signs.txt</c> a message holds, which words it uses, the pieces of those words as typed
/// (<see cref="WordPieces"/>) and what it means as a whole (<see cref="ConceptRules.Meaning"/>), trained offline by the evaluation
/// command's <c>--train</c> on every labelled warning sign and calm message of the training sets, and shipped as
/// <c>Concepts/WarningSigns.json</c> in this assembly. The file's rules say which referral a message needs; this
/// catches combinations no rule spells out ("the red ring around it is bigger and it's puffier today": redness,
/// spreading and swelling with no place named) and signs told in words the file lacks ("soggy and yellow under the
/// scab"); and it may overrule a rule that it reads as almost surely calm (Answering:WarningSignVeto). The meaning's
/// weights are tied by position to the word vectors it learned from (<c>Search/WordVectors.bin</c>): new vectors mean
/// retraining it, and a meaning of another length weighs nothing. Weights are kept by concept name and by word, so a concept a content owner adds weighs nothing until the
/// model is retrained and one they remove is ignored: the file can change without breaking it.
/// A second regression, over the concepts and the words' pieces and trained on the warning signs of the sets that say
/// which are urgent, reads how urgent a sign is: the file's urgent rules name three emergencies, and a fever after a waxing, lips
/// swelling after a scrub or a peel rubbed into an eye are urgent in other words too.
/// </summary>
public sealed class WarningSignModel
{
    private const string ResourceName = "CleanseBot.Knowledge.WarningSigns.json";

    private static readonly Lazy<WarningSignModel?> ShippedModel = new(ReadShipped);

    public WarningSignModel(ModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Warning is null || file.Urgency is null || !file.Warning.IsFinite || !file.Urgency.IsFinite)
        {
            throw new InvalidDataException("The warning-sign model needs both its readings, with finite weights.");
        }

        File = file;
    }

    /// <summary>The model built into this assembly; null only in a build without the file.</summary>
    public static WarningSignModel? Shipped => ShippedModel.Value;

    public ModelFile File { get; }

    /// <summary>
    /// The probability that a message holding the <paramref name="present"/> concepts (by the order of
    /// <paramref name="concepts"/>) in the <paramref name="words"/> (<see cref="ConceptRules.Match(string, out bool[], out IReadOnlyList{string})"/>),
    /// their <paramref name="pieces"/> (<see cref="WordPieces.Numbers"/>) and with the <paramref name="meaning"/> (<see cref="ConceptRules.Meaning"/>) describes a warning sign.
    /// </summary>
    public double Probability(IReadOnlyList<string> concepts, ReadOnlySpan<bool> present, IReadOnlyList<string> words, ReadOnlySpan<long> pieces, ReadOnlySpan<float> meaning) =>
        File.Warning.Probability(concepts, present, words, pieces, meaning);

    /// <summary>
    /// The probability that a warning sign holding the <paramref name="present"/> concepts, told in words with these
    /// <paramref name="pieces"/> (<see cref="WordPieces.Numbers"/>), needs urgent care.
    /// </summary>
    public double UrgencyProbability(IReadOnlyList<string> concepts, ReadOnlySpan<bool> present, ReadOnlySpan<long> pieces) =>
        File.Urgency.Probability(concepts, present, [], pieces, []);

    /// <summary>
    /// Whether the model learned a weight for every concept marked in <paramref name="present"/>: a concept a content
    /// owner added since weighs nothing here, so the model's reading of a message that holds it says nothing about it.
    /// </summary>
    public bool Weighs(IReadOnlyList<string> concepts, ReadOnlySpan<bool> present)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        for (var i = 0; i < present.Length; i++)
        {
            if (present[i] && !File.Warning.Weights.ContainsKey(concepts[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static WarningSignModel Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<ModelFile>(json, ModelJson.Indented) ?? throw new InvalidDataException("The warning-sign model file is empty.");
        return new WarningSignModel(file);
    }

    public string ToJson() => JsonSerializer.Serialize(File, ModelJson.Indented) + "\n";

    private static WarningSignModel? ReadShipped() => ModelJson.Shipped(ResourceName) is { } json ? Parse(json) : null;

    /// <summary>The model file: both readings, and the fingerprint of what they were trained on.</summary>
    public sealed record ModelFile(string Fingerprint, IReadOnlyList<string> TrainedOn, Reading Warning, Reading Urgency);

    /// <summary>
    /// One logistic regression: a weight per concept name, one per word, one per piece of a word and one per dimension of
    /// the message's meaning (<see cref="ConceptRules.Meaning"/>; of these the urgency reading has the pieces only), and a bias.
    /// </summary>
    public sealed record Reading(IReadOnlyDictionary<string, double> Weights, double Bias, IReadOnlyDictionary<string, double>? Words = null, IReadOnlyList<double>? Meaning = null, IReadOnlyDictionary<string, double>? Pieces = null)
    {
        internal bool IsFinite => Weights is not null && double.IsFinite(Bias) && Weights.Values.All(double.IsFinite)
            && (Words is null || Words.Values.All(double.IsFinite)) && (Meaning is null || Meaning.All(double.IsFinite))
            && (Pieces is null || Pieces.Values.All(double.IsFinite));

        // The pieces' weights by number, so that a message's pieces are looked up without a string for each. A piece
        // of the file that is not three characters throws InvalidDataException as the model is read.
        private readonly Dictionary<long, double>? _pieceWeights = Pieces?.ToDictionary(static piece => WordPieces.Number(piece.Key), static piece => piece.Value);

        /// <param name="pieces">The message's pieces, each once (<see cref="WordPieces.Numbers"/>).</param>
        public double Probability(IReadOnlyList<string> concepts, ReadOnlySpan<bool> present, IReadOnlyList<string> words, ReadOnlySpan<long> pieces, ReadOnlySpan<float> meaning)
        {
            ArgumentNullException.ThrowIfNull(concepts);
            ArgumentNullException.ThrowIfNull(words);
            var logit = Bias;
            for (var i = 0; i < present.Length; i++)
            {
                if (present[i] && Weights.TryGetValue(concepts[i], out var weight))
                {
                    logit += weight;
                }
            }

            if (Words is not null)
            {
                foreach (var word in words)
                {
                    if (Words.TryGetValue(word, out var weight))
                    {
                        logit += weight;
                    }
                }
            }

            // Each piece counts 1 / √(the message's pieces): a long message has hundreds, a short one a few dozen, and
            // the sum of so many small weights would otherwise speak for its length.
            if (_pieceWeights is not null && pieces.Length > 0)
            {
                var share = 1 / Math.Sqrt(pieces.Length);
                foreach (var piece in pieces)
                {
                    if (_pieceWeights.TryGetValue(piece, out var weight))
                    {
                        logit += weight * share;
                    }
                }
            }

            // A vector of another length is from other word vectors than the model learned on: it means nothing to it.
            if (Meaning is not null && meaning.Length == Meaning.Count)
            {
                for (var d = 0; d < meaning.Length; d++)
                {
                    logit += Meaning[d] * meaning[d];
                }
            }

            return 1 / (1 + Math.Exp(-logit));
        }
    }
}
