using System.Security.Cryptography;
using System.Text;
using CleanseBot.Knowledge;

namespace CleanseBot.Evaluation;

/// <summary>What the shipped models are trained on: the sets <c>training-sets.txt</c> lists, never a blind one.</summary>
internal static class TrainingData
{
    /// <summary>Reads <c>training-sets.txt</c> in <paramref name="folder"/>: the sets to train on, never a blind one.</summary>
    public static IReadOnlyList<(string Set, IReadOnlyList<EvaluationCase> Cases)> TrainingSets(string folder) =>
        [.. File.ReadAllLines(Path.Combine(folder, "training-sets.txt"))
            .Select(static line => line.Trim())
            .Where(static line => line.Length > 0 && !line.StartsWith('#'))
            .Select(set => (set, EvaluationSet.Load(Path.Combine(folder, set))))];

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
