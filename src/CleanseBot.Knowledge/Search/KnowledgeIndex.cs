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

    // A corrected typo is probably, not certainly, the word the user meant.
    private const double CorrectedTermWeight = 0.8;

    // Confidence = evidence / (evidence + this). Evidence is Lucene's score scaled by how much of the question the
    // pair covers; at this value confidence is 0.5. Chosen with the evaluation set (evaluation/README.md).
    private const double EvidenceAtHalfConfidence = 20;

    private static readonly (string Field, float Boost)[] WeightedFields =
    [
        (QuestionField, 4f),
        (AlternatesField, 3f),
        (SectionField, 1.5f),
        (AnswerField, 1f),
    ];

    private static readonly string[] PhraseFields = [QuestionField, AlternatesField];

    private readonly KnowledgeAnalyzer _queryAnalyzer;
    private readonly KnowledgeAnalyzer _indexAnalyzer;
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly QnaPair[] _pairs;
    private readonly PairTerms[] _pairTerms;
    private readonly Dictionary<string, int> _documentFrequency;
    private readonly TypedWordAnalyzer _typedWords = new();
    private readonly SpellingCorrector _speller;

    // Per field, every term the index holds with its statistics, looked up once at build: a query then neither
    // seeks the terms dictionary again nor carries clauses for terms a field lacks, which could never match.
    private readonly Dictionary<string, Dictionary<string, TermContext>> _fieldTerms;

    private KnowledgeIndex(KnowledgeBase knowledge, KnowledgeAnalyzer queryAnalyzer, KnowledgeAnalyzer indexAnalyzer, RAMDirectory directory, PairTerms[] pairTerms, Dictionary<string, int> documentFrequency, Dictionary<string, int> questionWords)
    {
        Knowledge = knowledge;
        _queryAnalyzer = queryAnalyzer;
        _indexAnalyzer = indexAnalyzer;
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _pairs = [.. knowledge.Pairs];
        _pairTerms = pairTerms;
        _documentFrequency = documentFrequency;
        _speller = new SpellingCorrector(questionWords);
        _fieldTerms = ReadFieldTerms(_reader);
    }

    private static Dictionary<string, Dictionary<string, TermContext>> ReadFieldTerms(DirectoryReader reader)
    {
        var fields = new Dictionary<string, Dictionary<string, TermContext>>(StringComparer.Ordinal);
        foreach (var (field, _) in WeightedFields)
        {
            var contexts = new Dictionary<string, TermContext>(StringComparer.Ordinal);
            var terms = MultiFields.GetTerms(reader, field);
            if (terms is not null)
            {
                var termsEnum = terms.GetEnumerator();
                while (termsEnum.MoveNext())
                {
                    var text = termsEnum.Term.Utf8ToString();
                    contexts[text] = TermContext.Build(reader.Context, new Term(field, text));
                }
            }

            fields[field] = contexts;
        }

        return fields;
    }

    public KnowledgeBase Knowledge { get; }

    public static KnowledgeIndex Build(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var queryAnalyzer = new KnowledgeAnalyzer();
        var synonyms = knowledge.Synonyms.Text.Length == 0 ? null : SynonymRules.Parse(knowledge.Synonyms, queryAnalyzer);
        var indexAnalyzer = new KnowledgeAnalyzer(synonyms);
        var directory = new RAMDirectory();
        var pairs = knowledge.Pairs;
        var pairTerms = new PairTerms[pairs.Count];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var questionWords = new Dictionary<string, int>(StringComparer.Ordinal);
        using var typedWords = new TypedWordAnalyzer();

        // LogByteSizeMergePolicy merges neighbouring segments only, so after ForceMerge(1) a document's
        // number is its position in `pairs`: no stored-field lookup is needed to map a hit back to its pair.
        var config = new IndexWriterConfig(KnowledgeAnalyzer.Version, indexAnalyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            MergePolicy = new LogByteSizeMergePolicy(),
        };
        using (var writer = new IndexWriter(directory, config))
        {
            for (var i = 0; i < pairs.Count; i++)
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

                var terms = PairTerms.Analyse(pair, indexAnalyzer);
                foreach (var term in terms.All)
                {
                    documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                }

                pairTerms[i] = terms;
                foreach (var word in QuestionWords(pair, typedWords))
                {
                    questionWords[word] = questionWords.GetValueOrDefault(word) + 1;
                }
            }

            // A misspelled filler word ("dosent", "shoud") should correct to the stop word and drop out, not to a
            // word of some question.
            foreach (var word in KnowledgeAnalyzer.StopWordList)
            {
                questionWords.TryAdd(word, 0);
            }

            writer.ForceMerge(1);
            writer.Commit();
        }

        return new KnowledgeIndex(knowledge, queryAnalyzer, indexAnalyzer, directory, pairTerms, documentFrequency, questionWords);
    }

    /// <summary>Finds the pairs that best answer <paramref name="text"/>. Any text is accepted; none throws.</summary>
    public SearchResult Search(string text, int maxCandidates)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCandidates, 1);

        var terms = QueryTerms(text);
        if (terms.Count == 0)
        {
            return SearchResult.Empty;
        }

        var hits = _searcher.Search(BuildQuery(terms), Math.Max(maxCandidates, CandidatesToScore)).ScoreDocs;
        if (hits.Length == 0)
        {
            return new SearchResult(terms, []);
        }

        var candidates = new List<SearchCandidate>(hits.Length);
        var knownShare = KnownShare(terms);
        foreach (var hit in hits)
        {
            var coverage = Coverage(terms, _pairTerms[hit.Doc]);

            // Lucene's score knows term frequencies, field weights, lengths and phrases; coverage knows how much of
            // the question the pair answers at all. Together they rank better than either (see evaluation/README.md).
            var relevance = hit.Score * (0.5 + coverage);
            var evidence = relevance * Math.Pow(knownShare, 0.25);
            var confidence = evidence / (evidence + EvidenceAtHalfConfidence);
            candidates.Add(new SearchCandidate(_pairs[hit.Doc], hit.Score, confidence) { Coverage = coverage });
        }

        candidates.Sort(static (a, b) => b.Confidence.CompareTo(a.Confidence));
        if (candidates.Count > maxCandidates)
        {
            candidates.RemoveRange(maxCandidates, candidates.Count - maxCandidates);
        }

        return new SearchResult(terms, candidates) { KnownShare = knownShare };
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _queryAnalyzer.Dispose();
        _indexAnalyzer.Dispose();
        _typedWords.Dispose();
    }

    private List<QueryTerm> QueryTerms(string text)
    {
        var terms = new List<QueryTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var analysed = _queryAnalyzer.Terms(text);
        if (analysed.TrueForAll(_documentFrequency.ContainsKey))
        {
            foreach (var term in analysed)
            {
                Add(term, null);
            }

            return terms;
        }

        // Some word is unknown to the knowledge: look at the words as typed, one by one, and correct the unknown ones.
        foreach (var word in _typedWords.Words(text))
        {
            var wordTerms = _queryAnalyzer.Terms(word);
            if (wordTerms.Count == 0 || wordTerms.TrueForAll(_documentFrequency.ContainsKey))
            {
                wordTerms.ForEach(term => Add(term, null));
                continue;
            }

            var corrected = _speller.Correct(word);
            if (corrected is null)
            {
                wordTerms.ForEach(term => Add(term, null));
                continue;
            }

            // A misspelled filler word ("wats" for "what's") corrects to a stop word and, like one, drops out.
            foreach (var term in _queryAnalyzer.Terms(corrected))
            {
                Add(term, word);
            }
        }

        return terms;

        void Add(string term, string? correctedFrom)
        {
            if (terms.Count < MaxQueryTerms && seen.Add(term))
            {
                terms.Add(new QueryTerm(term, correctedFrom));
            }
        }
    }

    private static IEnumerable<string> QuestionWords(QnaPair pair, TypedWordAnalyzer typedWords) =>
        pair.AlternateQuestions.Prepend(pair.Question).SelectMany(typedWords.Words).Distinct(StringComparer.Ordinal);

    private BooleanQuery BuildQuery(List<QueryTerm> terms)
    {
        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            var anyField = new DisjunctionMaxQuery(0.3f);
            var inAnyField = false;
            foreach (var (field, boost) in WeightedFields)
            {
                if (_fieldTerms[field].TryGetValue(term.Text, out var context))
                {
                    anyField.Add(new TermQuery(new Term(field, term.Text), context) { Boost = boost });
                    inAnyField = true;
                }
            }

            if (inAnyField)
            {
                query.Add(anyField, Occur.SHOULD);
            }
        }

        // Words that stand together in the question and in a pair's questions ("chemical peel", "large pores")
        // say more than the same words apart.
        for (var i = 1; i < terms.Count; i++)
        {
            foreach (var field in PhraseFields)
            {
                if (!_fieldTerms[field].ContainsKey(terms[i - 1].Text) || !_fieldTerms[field].ContainsKey(terms[i].Text))
                {
                    continue;
                }

                var phrase = new PhraseQuery { Slop = 2, Boost = 2f };
                phrase.Add(new Term(field, terms[i - 1].Text));
                phrase.Add(new Term(field, terms[i].Text));
                query.Add(phrase, Occur.SHOULD);
            }
        }

        return query;
    }

    // How much of the question's weight the pair holds: half for the pair as a whole, half for its questions,
    // because a pair whose questions name what was asked answers it better than one mentioning it in passing.
    private double Coverage(List<QueryTerm> queryTerms, PairTerms pair)
    {
        double total = 0, inPair = 0, inQuestions = 0;
        foreach (var term in queryTerms)
        {
            var weight = InverseDocumentFrequency(term.Text);
            var matchWeight = term.CorrectedFrom is null ? weight : weight * CorrectedTermWeight;
            total += weight;
            if (pair.All.Contains(term.Text))
            {
                inPair += matchWeight;
            }

            if (pair.Questions.Contains(term.Text))
            {
                inQuestions += matchWeight;
            }
        }

        return total == 0 ? 0 : (0.5 * inPair / total) + (0.5 * inQuestions / total);
    }

    // The share of the question's weight in words the knowledge uses at all: questions mostly about something
    // else ("how do I treat dandruff") get less confidence however well their one known word matches.
    private double KnownShare(List<QueryTerm> queryTerms)
    {
        double total = 0, known = 0;
        foreach (var term in queryTerms)
        {
            var weight = InverseDocumentFrequency(term.Text);
            total += weight;
            if (_documentFrequency.ContainsKey(term.Text))
            {
                known += weight;
            }
        }

        return total == 0 ? 0 : known / total;
    }

    // BM25's idf: words the knowledge never uses weigh most, so a question about something the guide
    // does not cover ("dandruff") cannot reach a high confidence on its common words alone.
    private double InverseDocumentFrequency(string term)
    {
        var n = _pairs.Length;
        var df = _documentFrequency.GetValueOrDefault(term);
        return Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
    }

    /// <summary>The analysed terms of one pair: those of its questions, and those of the whole pair.</summary>
    private sealed record PairTerms(HashSet<string> Questions, HashSet<string> All)
    {
        public static PairTerms Analyse(QnaPair pair, KnowledgeAnalyzer analyzer)
        {
            var questions = new HashSet<string>(analyzer.Terms(pair.Question), StringComparer.Ordinal);
            foreach (var alternate in pair.AlternateQuestions)
            {
                questions.UnionWith(analyzer.Terms(alternate));
            }

            var all = new HashSet<string>(questions, StringComparer.Ordinal);
            all.UnionWith(analyzer.Terms(pair.Section));
            all.UnionWith(analyzer.Terms(pair.Answer));
            return new PairTerms(questions, all);
        }
    }
}
