using CleanseBot.Knowledge.Model;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// An in-memory Lucene index of the knowledge, one document per QnA pair, with the question, its alternates,
/// the section path and the answer as separately weighted fields. Built once; searching is thread-safe.
/// User text is analysed into terms and turned into term queries directly: it never meets a query parser,
/// so "(", "*", "AND" or "~" are just characters to the bot.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    private const string QuestionField = "question";
    private const string AlternatesField = "alternates";
    private const string SectionField = "section";
    private const string AnswerField = "answer";

    // Bounds the query size whatever the user pastes; a question never needs more distinct words than this.
    private const int MaxQueryTerms = 32;
    private const int CandidatesToScore = 10;

    private static readonly (string Field, float Boost)[] WeightedFields =
    [
        (QuestionField, 4f),
        (AlternatesField, 3f),
        (SectionField, 1.5f),
        (AnswerField, 1f),
    ];

    private readonly KnowledgeAnalyzer _analyzer;
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly QnaPair[] _pairs;
    private readonly HashSet<string>[] _pairTerms;
    private readonly HashSet<string>[] _pairQuestionTerms;
    private readonly Dictionary<string, int> _documentFrequency;

    private KnowledgeIndex(
        KnowledgeAnalyzer analyzer,
        RAMDirectory directory,
        DirectoryReader reader,
        QnaPair[] pairs,
        HashSet<string>[] pairTerms,
        HashSet<string>[] pairQuestionTerms,
        Dictionary<string, int> documentFrequency)
    {
        _analyzer = analyzer;
        _directory = directory;
        _reader = reader;
        _searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        _pairs = pairs;
        _pairTerms = pairTerms;
        _pairQuestionTerms = pairQuestionTerms;
        _documentFrequency = documentFrequency;
    }

    public KnowledgeBase Knowledge { get; private init; } = null!;

    public static KnowledgeIndex Build(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var analyzer = new KnowledgeAnalyzer();
        var directory = new RAMDirectory();
        var pairs = knowledge.Pairs.ToArray();
        var pairTerms = new HashSet<string>[pairs.Length];
        var pairQuestionTerms = new HashSet<string>[pairs.Length];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);

        // LogByteSizeMergePolicy merges neighbouring segments only, so after ForceMerge(1) a document's
        // number is its position in `pairs`: no stored-field lookup is needed to map a hit back to its pair.
        var config = new IndexWriterConfig(KnowledgeAnalyzer.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            MergePolicy = new LogByteSizeMergePolicy(),
        };
        using (var writer = new IndexWriter(directory, config))
        {
            for (var i = 0; i < pairs.Length; i++)
            {
                var pair = pairs[i];
                var document = new Document
                {
                    new TextField(QuestionField, pair.Question, Field.Store.NO),
                    new TextField(SectionField, pair.Section, Field.Store.NO),
                    new TextField(AnswerField, pair.Answer, Field.Store.NO),
                };
                foreach (var alternate in pair.AlternateQuestions)
                {
                    document.Add(new TextField(AlternatesField, alternate, Field.Store.NO));
                }

                writer.AddDocument(document);

                var questionTerms = new HashSet<string>(StringComparer.Ordinal);
                questionTerms.UnionWith(analyzer.Terms(pair.Question));
                foreach (var alternate in pair.AlternateQuestions)
                {
                    questionTerms.UnionWith(analyzer.Terms(alternate));
                }

                var allTerms = new HashSet<string>(questionTerms, StringComparer.Ordinal);
                allTerms.UnionWith(analyzer.Terms(pair.Section));
                allTerms.UnionWith(analyzer.Terms(pair.Answer));
                foreach (var term in allTerms)
                {
                    documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                }

                pairTerms[i] = allTerms;
                pairQuestionTerms[i] = questionTerms;
            }

            writer.ForceMerge(1);
            writer.Commit();
        }

        var reader = DirectoryReader.Open(directory);
        return new KnowledgeIndex(analyzer, directory, reader, pairs, pairTerms, pairQuestionTerms, documentFrequency)
        {
            Knowledge = knowledge,
        };
    }

    /// <summary>Finds the pairs that best answer <paramref name="text"/>. Any text is accepted; none throws.</summary>
    public SearchResult Search(string text, int maxCandidates)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCandidates, 1);

        var terms = DistinctTerms(_analyzer.Terms(text));
        if (terms.Count == 0)
        {
            return SearchResult.Empty;
        }

        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            var anyField = new DisjunctionMaxQuery(0.3f);
            foreach (var (field, boost) in WeightedFields)
            {
                anyField.Add(new TermQuery(new Term(field, term)) { Boost = boost });
            }

            query.Add(anyField, Occur.SHOULD);
        }

        var hits = _searcher.Search(query, Math.Max(maxCandidates, CandidatesToScore)).ScoreDocs;
        var candidates = new List<SearchCandidate>(hits.Length);
        foreach (var hit in hits)
        {
            candidates.Add(new SearchCandidate(_pairs[hit.Doc], hit.Score, Confidence(terms, hit.Doc)));
        }

        candidates.Sort(static (a, b) => b.Confidence != a.Confidence ? b.Confidence.CompareTo(a.Confidence) : b.Score.CompareTo(a.Score));
        if (candidates.Count > maxCandidates)
        {
            candidates.RemoveRange(maxCandidates, candidates.Count - maxCandidates);
        }

        return new SearchResult(terms, candidates);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    // Half for how much of the user's meaning the whole pair covers, half for how much its questions cover:
    // a pair whose questions name what was asked is a far better answer than one that mentions it in passing.
    private double Confidence(List<string> queryTerms, int ordinal)
    {
        double total = 0, inPair = 0, inQuestions = 0;
        foreach (var term in queryTerms)
        {
            var weight = InverseDocumentFrequency(term);
            total += weight;
            if (_pairTerms[ordinal].Contains(term))
            {
                inPair += weight;
            }

            if (_pairQuestionTerms[ordinal].Contains(term))
            {
                inQuestions += weight;
            }
        }

        return total == 0 ? 0 : 0.5 * (inPair / total) + 0.5 * (inQuestions / total);
    }

    // BM25's idf: words the knowledge never uses weigh most, so a question about something the guide
    // does not cover ("dandruff") cannot reach a high confidence on its common words alone.
    private double InverseDocumentFrequency(string term)
    {
        var n = _pairs.Length;
        var df = _documentFrequency.GetValueOrDefault(term);
        return Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
    }

    private static List<string> DistinctTerms(List<string> terms)
    {
        var distinct = new List<string>(Math.Min(terms.Count, MaxQueryTerms));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            if (seen.Add(term) && distinct.Count < MaxQueryTerms)
            {
                distinct.Add(term);
            }
        }

        return distinct;
    }
}
