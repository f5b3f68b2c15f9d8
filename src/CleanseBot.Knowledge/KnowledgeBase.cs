using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Parsing;

namespace CleanseBot.Knowledge;

/// <summary>All QnA pairs of the <c>.qna</c> files in one folder, checked as a whole: ids unique, prompts pointing at real pairs.</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<int, QnaPair> _byId;

    public KnowledgeBase(IReadOnlyList<QnaPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        _byId = new Dictionary<int, QnaPair>(pairs.Count);
        foreach (var pair in pairs)
        {
            if (!_byId.TryAdd(pair.Id, pair))
            {
                throw new KnowledgeFormatException(pair.Source.File, pair.Source.Line, $"id {pair.Id} is already used at {_byId[pair.Id].Source}");
            }
        }

        foreach (var pair in pairs)
        {
            foreach (var prompt in pair.Prompts)
            {
                if (!_byId.ContainsKey(prompt.TargetId))
                {
                    throw new KnowledgeFormatException(pair.Source.File, pair.Source.Line, $"the prompt '{prompt.DisplayText}' links to id {prompt.TargetId}, which no pair has");
                }
            }
        }

        Pairs = pairs;
    }

    public IReadOnlyList<QnaPair> Pairs { get; }

    public QnaPair? Find(int id) => _byId.GetValueOrDefault(id);

    /// <summary>Reads every <c>*.qna</c> file in <paramref name="folder"/>, in name order so ids and errors are reported predictably.</summary>
    public static async Task<KnowledgeBase> LoadAsync(string folder, CancellationToken cancellationToken)
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
        var pairs = new List<QnaPair>();
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            pairs.AddRange(QnaFileParser.Parse(text, Path.GetFileName(file)));
        }

        return new KnowledgeBase(pairs);
    }
}
