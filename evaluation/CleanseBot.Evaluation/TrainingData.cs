using System.Security.Cryptography;
using System.Text;
using CleanseBot.Knowledge;

namespace CleanseBot.Evaluation;

/// <summary>What the shipped models are trained on: the sets <c>training-sets.txt</c> lists, never a blind one.</summary>
internal static class TrainingData
{
    /// <summary>The mark after a set's name in <c>training-sets.txt</c> for a set that teaches the answering models only.</summary>
    public const string AnsweringOnly = "answering-only";

    /// <summary>Reads <c>training-sets.txt</c> in <paramref name="folder"/>: the sets to train on, never a blind one.</summary>
    public static IReadOnlyList<(string Set, IReadOnlyList<EvaluationCase> Cases)> TrainingSets(string folder) =>
        [.. Lines(folder).Select(line => (line.Set, EvaluationSet.Load(Path.Combine(folder, line.Set))))];

    /// <summary>Of <paramref name="sets"/>, those the warning-sign model learns from: all but the ones marked <see cref="AnsweringOnly"/>.</summary>
    public static IReadOnlyList<(string Set, IReadOnlyList<EvaluationCase> Cases)> WarningSignSets(
        string folder, IReadOnlyList<(string Set, IReadOnlyList<EvaluationCase> Cases)> sets)
    {
        var answeringOnly = Lines(folder).Where(static line => line.AnsweringOnly).Select(static line => line.Set).ToHashSet(StringComparer.Ordinal);
        return [.. sets.Where(set => !answeringOnly.Contains(set.Set))];
    }

    private static IEnumerable<(string Set, bool AnsweringOnly)> Lines(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "training-sets.txt"))
            .Select(static line => line.Trim())
            .Where(static line => line.Length > 0 && !line.StartsWith('#'))
            .Select(static line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(static words => words switch
            {
                [var set] => (set, false),
                [var set, AnsweringOnly] => (set, true),
                _ => throw new InvalidDataException($"training-sets.txt: \"{string.Join(' ', words)}\" is not a set's name, alone or followed by {AnsweringOnly}."),
            });

    /// <summary>
    /// Identifies what the models learn from: the training sets' text, the knowledge's pairs and synonyms, and the
    /// warning-sign concepts. The same fingerprint and the same code give the same models.
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
        Add(string.Join("\t", knowledge.WarningSigns?.Concepts ?? []));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
