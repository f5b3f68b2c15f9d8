using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Parsing;
using CleanseBot.Knowledge.Concepts;

namespace CleanseBot.Knowledge;

/// <summary>
/// The knowledge folder read as a whole: the QnA pairs of its <c>.qna</c> files (ids unique, prompts pointing
/// at real pairs), its synonym groups (<c>synonyms.txt</c>), its warning signs (<c>warning-signs.txt</c>) and what it
/// does not answer however its words are shared (<c>out-of-scope.txt</c>).
/// </summary>
public sealed class KnowledgeBase
{
    public const string SynonymFileName = "synonyms.txt";
    public const string WarningSignsFileName = "warning-signs.txt";
    public const string OutOfScopeFileName = "out-of-scope.txt";

    private readonly Dictionary<int, QnaPair> _byId;

    public KnowledgeBase(IReadOnlyList<QnaPair> pairs, SynonymSource? synonyms = null, ConceptRules? warningSigns = null, ConceptRules? outOfScope = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (CrossReferenceProblems(pairs, unread: new Dictionary<int, SourceLocation>()).FirstOrDefault() is { } problem)
        {
            throw problem;
        }

        _byId = pairs.ToDictionary(static pair => pair.Id);
        Pairs = pairs;
        Synonyms = synonyms ?? SynonymSource.None;
        WarningSigns = warningSigns;
        OutOfScope = outOfScope;
    }

    /// <summary>
    /// What is wrong between the pairs of several files: an id used twice, then a prompt to an id no pair has.
    /// <paramref name="unread"/> are pairs that are there but were left out for a mistake of their own: their ids
    /// are taken too.
    /// </summary>
    internal static IEnumerable<KnowledgeFormatException> CrossReferenceProblems(IReadOnlyList<QnaPair> pairs, IReadOnlyDictionary<int, SourceLocation> unread)
    {
        var byId = new Dictionary<int, SourceLocation>(pairs.Count);
        foreach (var pair in pairs)
        {
            if (byId.TryGetValue(pair.Id, out var first) || unread.TryGetValue(pair.Id, out first))
            {
                yield return new KnowledgeFormatException(pair.Source.File, pair.Source.Line, $"id {pair.Id} is already used at {first}");
                continue;
            }

            byId[pair.Id] = pair.Source;
        }

        foreach (var pair in pairs)
        {
            foreach (var prompt in pair.Prompts)
            {
                if (!byId.ContainsKey(prompt.TargetId) && !unread.ContainsKey(prompt.TargetId))
                {
                    yield return new KnowledgeFormatException(pair.Source.File, pair.Source.Line, $"the prompt '{prompt.DisplayText}' links to id {prompt.TargetId}, which no pair has");
                }
            }
        }
    }

    public IReadOnlyList<QnaPair> Pairs { get; }

    public SynonymSource Synonyms { get; }

    /// <summary>What sends a visitor to a doctor first; null for a knowledge folder without the file.</summary>
    public ConceptRules? WarningSigns { get; }

    /// <summary>What the guide does not answer (a price, a booking, a dose); null for a knowledge folder without the file.</summary>
    public ConceptRules? OutOfScope { get; }

    public QnaPair? Find(int id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Pairs to offer after <paramref name="pair"/>: its authored prompts first, then its neighbours in the same
    /// section of the guide, never itself and never one of <paramref name="exclude"/>.
    /// </summary>
    public List<QnaPair> Related(QnaPair pair, int max, IReadOnlyCollection<int>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var related = new List<QnaPair>(max);
        bool Wanted(QnaPair candidate) =>
            candidate.Id != pair.Id && (exclude is null || !exclude.Contains(candidate.Id)) && !related.Contains(candidate);

        foreach (var prompt in pair.Prompts)
        {
            if (related.Count < max && Find(prompt.TargetId) is { } target && Wanted(target))
            {
                related.Add(target);
            }
        }

        // Neighbours in guide order, starting just after the pair and wrapping round: reading on before reading back.
        var start = IndexOf(pair);
        for (var step = 1; step < Pairs.Count && related.Count < max; step++)
        {
            var candidate = Pairs[(start + step) % Pairs.Count];
            if (candidate.Section == pair.Section && Wanted(candidate))
            {
                related.Add(candidate);
            }
        }

        return related;
    }

    private int IndexOf(QnaPair pair)
    {
        for (var i = 0; i < Pairs.Count; i++)
        {
            if (Pairs[i].Id == pair.Id)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Reads every <c>*.qna</c> file in <paramref name="folder"/>, in name order so ids and errors are reported predictably, and its synonym and concept files if it has them.</summary>
    public static Task<KnowledgeBase> LoadAsync(string folder, CancellationToken cancellationToken) =>
        Task.Run(() => Load(folder, cancellationToken), cancellationToken);

    /// <summary>
    /// <see cref="LoadAsync"/> on the calling thread. The files are small; read asynchronously, each read is a
    /// thread-pool work item of its own (on Linux), queued behind whatever else a starting service has queued.
    /// </summary>
    public static KnowledgeBase Load(string folder, CancellationToken cancellationToken)
    {
        var pairs = new List<QnaPair>();
        foreach (var file in QnaFiles(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            pairs.AddRange(QnaFileParser.Parse(File.ReadAllText(file), Path.GetFileName(file)));
        }

        var synonymFile = Path.Combine(folder, SynonymFileName);
        var synonyms = File.Exists(synonymFile) ? new SynonymSource(SynonymFileName, File.ReadAllText(synonymFile)) : SynonymSource.None;
        return new KnowledgeBase(pairs, synonyms, ConceptFileIn(folder, WarningSignsFileName), ConceptFileIn(folder, OutOfScopeFileName));
    }

    /// <summary>The folder's <c>.qna</c> files in name order, so that ids and errors are reported predictably.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no <c>.qna</c> files.</exception>
    internal static string[] QnaFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The knowledge folder '{Path.GetFullPath(folder)}' does not exist.");
        }

        var files = Directory.GetFiles(folder, "*.qna", SearchOption.TopDirectoryOnly);
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"The knowledge folder '{Path.GetFullPath(folder)}' holds no .qna files.");
        }

        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static ConceptRules? ConceptFileIn(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        return File.Exists(path) ? ConceptRules.Parse(File.ReadAllText(path), fileName) : null;
    }
}
