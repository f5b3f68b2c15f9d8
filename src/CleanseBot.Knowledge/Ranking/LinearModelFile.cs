using System.Globalization;

namespace CleanseBot.Knowledge.Ranking;

/// <summary>
/// A learned linear model as its file holds it: a weight per named feature (standardised by <see cref="Mean"/> and
/// <see cref="Scale"/>), a bias, and optionally a weight per word of the message. <see cref="Fingerprint"/> identifies
/// the training data (the sets' and the knowledge's text), so a test can tell whether the shipped model was trained on
/// what the repository holds now. The answerability model and the passage ranker are such files.
/// </summary>
public sealed record LinearModelFile(
    string Fingerprint,
    IReadOnlyList<string> TrainedOn,
    IReadOnlyList<string> Features,
    double[] Mean,
    double[] Scale,
    double[] Weights,
    double Bias,
    IReadOnlyDictionary<string, double>? Words = null)
{
    /// <summary>The features' part of the log-odds, bias included, for a candidate's <paramref name="features"/>.</summary>
    public double Score(ReadOnlySpan<double> features)
    {
        var score = Bias;
        for (var i = 0; i < Weights.Length; i++)
        {
            score += Part(i, features[i]);
        }

        return score;
    }

    /// <summary>Feature <paramref name="i"/>'s part of the log-odds at <paramref name="value"/>.</summary>
    public double Part(int i, double value) => Weights[i] * ((value - Mean[i]) / Scale[i]);

    /// <summary>Throws unless the file weighs exactly <paramref name="expected"/>, with finite weights and scales above 0.</summary>
    /// <param name="model">The model's name, for the message: "answerability model".</param>
    public void Check(IReadOnlyList<string> expected, string model)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (!Features.SequenceEqual(expected))
        {
            throw new InvalidDataException(
                $"The {model} weighs [{string.Join(", ", Features)}] but the search measures [{string.Join(", ", expected)}]: retrain it (see evaluation/README.md).");
        }

        if (Mean.Length != expected.Count || Scale.Length != expected.Count || Weights.Length != expected.Count
            || Scale.Any(static scale => !(scale > 0)) || Weights.Append(Bias).Concat(Mean).Any(static w => !double.IsFinite(w))
            || (Words?.Values.Any(static w => !double.IsFinite(w)) ?? false))
        {
            throw new InvalidDataException($"The {model}'s means, scales and weights must be finite, one per feature, scales above 0.");
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Fingerprint} ({TrainedOn.Count} sets)");
}
