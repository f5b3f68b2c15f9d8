using System.Text.Json;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Ranking;

/// <summary>
/// Orders a search's candidates by a learned score: a logistic regression over each candidate's
/// <see cref="CandidateSignals"/> and the <see cref="PassageClassifier"/>'s log-probability of its pair, trained on the
/// labelled messages of the training sets to tell the expected pair from the other candidates (the evaluation command's
/// <c>--train</c>). The search's own order, by hand-weighed evidence, holds whenever a candidate is a pair the
/// classifier does not know (added to the knowledge since it was trained).
/// </summary>
public sealed class PassageRanker
{
    /// <summary>The name of the classifier's log-probability among the ranker's features, after the signals'.</summary>
    public const string ClassifierFeature = "passage-classifier";

    private const string RankerResource = "CleanseBot.Knowledge.Ranker.json";
    private const string ClassifierResource = "CleanseBot.Knowledge.PassageClassifier.json";

    private static readonly Lazy<PassageRanker?> ShippedRanker = new(ReadShipped);

    public PassageRanker(LinearModelFile file, PassageClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(classifier);
        file.Check(FeatureNames, "passage ranker");
        File = file;
        Classifier = classifier;
    }

    /// <summary>The features the ranker weighs, in order: the candidate's signals, then <see cref="ClassifierFeature"/>.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = [.. CandidateSignals.Names, ClassifierFeature];

    /// <summary>The ranker and classifier built into this assembly; null only in a build without their files.</summary>
    public static PassageRanker? Shipped => ShippedRanker.Value;

    public LinearModelFile File { get; }

    public PassageClassifier Classifier { get; }

    /// <summary>The ranker's features for a candidate: its signals, then the classifier's log-probability of its pair.</summary>
    public static void Features(CandidateSignals signals, double classifierLogProbability, Span<double> features)
    {
        ArgumentNullException.ThrowIfNull(signals);
        signals.Features(features);
        features[CandidateSignals.Names.Count] = classifierLogProbability;
    }

    /// <summary>The ranker's score (log-odds that the candidate is the pair the message asks about) of a candidate's features.</summary>
    public double Score(ReadOnlySpan<double> features) => File.Score(features);

    /// <summary>
    /// Puts <paramref name="candidates"/> in the ranker's order, for a message of <paramref name="words"/>. Their
    /// confidences stay in the order they were, highest first: confidence says how well the guide's words meet the
    /// message, which the thresholds judge; the ranker says which pair that is. Leaves them as they are when the
    /// classifier does not know a candidate's pair.
    /// </summary>
    internal void Order(List<SearchCandidate> candidates, IReadOnlyList<string> words)
    {
        if (candidates.Count == 0 || candidates.Exists(candidate => candidate.Signals is null || !Classifier.Knows(candidate.Pair.Id)))
        {
            return;
        }

        var classified = Classifier.Read(words);
        Span<double> features = stackalloc double[FeatureNames.Count];
        var scores = new double[candidates.Count];
        var confidences = new double[candidates.Count];
        var order = new int[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            Features(candidates[i].Signals!, classified.Of(candidates[i].Pair.Id), features);
            scores[i] = Score(features);
            confidences[i] = candidates[i].Confidence;
            order[i] = i;
        }

        // Ties keep the search's order.
        Array.Sort(order, (a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));
        Array.Sort(confidences, static (a, b) => b.CompareTo(a));
        var searched = candidates.ToArray();
        for (var i = 0; i < order.Length; i++)
        {
            var candidate = searched[order[i]];
            candidate.Signals!.PassageProbability = Math.Exp(classified.Of(candidate.Pair.Id));
            candidates[i] = candidate with { Confidence = confidences[i], RankerScore = scores[order[i]] };
        }
    }

    public static PassageRanker Parse(string rankerJson, string classifierJson)
    {
        ArgumentNullException.ThrowIfNull(rankerJson);
        var file = JsonSerializer.Deserialize<LinearModelFile>(rankerJson, ModelJson.Indented) ?? throw new InvalidDataException("The passage ranker file is empty.");
        return new PassageRanker(file, PassageClassifier.Parse(classifierJson));
    }

    public string ToJson() => JsonSerializer.Serialize(File, ModelJson.Indented) + "\n";

    private static PassageRanker? ReadShipped() =>
        ModelJson.Shipped(RankerResource) is { } ranker && ModelJson.Shipped(ClassifierResource) is { } classifier ? Parse(ranker, classifier) : null;
}
