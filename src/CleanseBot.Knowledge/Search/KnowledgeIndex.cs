using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Ranking;
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
    // Bounds the query size whatever the user pastes; a question never needs more distinct words than this.
    private const int MaxQueryTerms = 32;
    private const int CandidatesToScore = 10;

    // Per-candidate scratch of at most this many candidates lives on the stack.
    internal const int MaxCandidatesOnStack = 256;

    // A corrected typo is probably, not certainly, the word the user meant.
    private const double CorrectedTermWeight = 0.8;

    // Confidence = evidence / (evidence + this). Evidence is Lucene's score scaled by how much of the question the
    // pair covers; at this value confidence is 0.5. Chosen with the evaluation set (evaluation/README.md).
    private const double EvidenceAtHalfConfidence = 20;

    // Evidence = relevance × onTopicShare^this (see Search). With everyday words counting as on topic, 0.75 refuses
    // more messages about something else than 0.5 does, and loses fewer answers than 1; before CommonWords the share
    // counted every word the knowledge lacks and 0.25 was the most it could bear (evaluation/README.md).
    private const double OnTopicShareExponent = 0.75;

    // Evidence kept by a pair whose match rests only on words the guide's own text never uses (see GuideWords).
    private const double VisitorWordsOnlyShare = 0.5;

    // ... unless the pair covers at least this much of the message: then the visitors' words are how the message asks
    // what the pair answers ("can I get the same results myself or do I have to pay someone"), not a passing word of a
    // message about something else ("should I pay off my credit card"). 0.4 to 0.65 gave the same figures.
    private const double VisitorWordsCoverage = 0.5;

    // How much more a word of the asking sentence counts in a message of several (Emphasised). 1.5 and 2 gave the same
    // figures on the evaluation sets, 3 lost main-set answers; at 2 more of the long messages written for SearchTests
    // find what they ask.
    private const float AskingSentenceBoost = 2f;

    // The least confidence of a pair one of whose questions says what the message, or the asking sentence of a message
    // of several, says (ClosestQuestion). 0.55 and 0.65 gave the same figures; any more would pass over "did you mean"
    // (ClearConfidence, 0.7) when two pairs each have such a question.
    private const double SameQuestionConfidence = 0.6;

    private readonly KnowledgeAnalyzer _queryAnalyzer;
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly QnaPair[] _pairs;
    private readonly Dictionary<string, int> _documentFrequency;
    private readonly TypedWordAnalyzer _typedWords = new();
    // Built on first need (a word the knowledge does not use) or by PrepareSpelling: most first questions are
    // spelled right, and a start-up that waits for the corrector's dictionary answers them later for nothing.
    private readonly Lazy<SpellingCorrector> _speller;
    private readonly IndexedTerms _indexedTerms;
    private readonly ThreadLocal<SearchScratch> _scratch;
    private readonly IndexedQuestions _indexedQuestions;
    private readonly ClosestQuestion _closestQuestion;
    private readonly SimilarQuestions _similarQuestions;

    // Read on the first unsure search or by WarmUp.
    private static readonly Lazy<WordVectors> Vectors = WordVectors.Shared;

    // Read by WarmUp or the first search with a word the knowledge does not use.
    private static readonly Lazy<CommonWords> Common = CommonWords.Shared;

    // The chain the index was written with, while a built index still analyses its questions; none for a saved one.
    private readonly KnowledgeAnalyzer? _indexAnalyzer;

    private KnowledgeIndex(KnowledgeBase knowledge, RAMDirectory directory, IndexedQuestions indexedQuestions, KnowledgeAnalyzer? indexAnalyzer)
    {
        Knowledge = knowledge;
        _queryAnalyzer = new KnowledgeAnalyzer();
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = IndexedTerms.Similarity };
        _pairs = [.. knowledge.Pairs];

        // One segment (see Build), or none for empty knowledge.
        var segment = _reader.Leaves.Count == 0 ? null : _reader.Leaves[0].AtomicReader;
        _indexedTerms = IndexedTerms.Read(segment, QuestionQuery.Fields);
        if (segment is not null)
        {
            Champions.Choose(_indexedTerms, segment);
        }

        _documentFrequency = _indexedTerms.PairFrequency;
        _speller = new Lazy<SpellingCorrector>(() => new SpellingCorrector(QuestionWordCounts(knowledge.Pairs, _typedWords)));
        _scratch = new ThreadLocal<SearchScratch>(() => new SearchScratch(segment!, QuestionQuery.Fields));
        _indexedQuestions = indexedQuestions;
        _indexAnalyzer = indexAnalyzer;
        _closestQuestion = new ClosestQuestion(_pairs, indexedQuestions, _queryAnalyzer, InverseDocumentFrequency, _documentFrequency.ContainsKey);
        _similarQuestions = new SimilarQuestions(_pairs, Vectors, _queryAnalyzer);
    }

    public KnowledgeBase Knowledge { get; }

    public static KnowledgeIndex Build(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var directory = new RAMDirectory();
        KnowledgeAnalyzer? indexAnalyzer = null;
        try
        {
            using (var ruleAnalyzer = new KnowledgeAnalyzer())
            {
                var synonyms = knowledge.Synonyms.Text.Length == 0 ? null : SynonymRules.Parse(knowledge.Synonyms, ruleAnalyzer);
                indexAnalyzer = new KnowledgeAnalyzer(synonyms);
            }

            Write(knowledge, directory, indexAnalyzer);
            return new KnowledgeIndex(knowledge, directory, IndexedQuestions.Analysed(knowledge.Pairs, indexAnalyzer), indexAnalyzer);
        }
        catch
        {
            indexAnalyzer?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an index that <see cref="Build"/> made for this same knowledge and <see cref="SaveTo"/> saved: the
    /// analysis and the index writer, most of what a cold start spends on the index, are skipped. Searching it
    /// gives exactly what searching the built one does; <see cref="IndexSnapshots"/> makes sure it was built from
    /// the same knowledge by the same code.
    /// </summary>
    internal static KnowledgeIndex Open(KnowledgeBase knowledge, RAMDirectory directory, IndexedQuestions indexedQuestions)
    {
        var index = new KnowledgeIndex(knowledge, directory, indexedQuestions, indexAnalyzer: null);
        if (index._reader.MaxDoc != knowledge.Pairs.Count || indexedQuestions.PairCount != knowledge.Pairs.Count)
        {
            index.Dispose();
            throw new InvalidDataException($"The saved index holds {index._reader.MaxDoc} documents for {knowledge.Pairs.Count} pairs.");
        }

        return index;
    }

    /// <summary>Writes the index's files and its analysed questions into <paramref name="folder"/>, for <see cref="Open"/> to read back.</summary>
    internal void SaveTo(string folder, string questionsFile)
    {
        foreach (var file in _directory.ListAll())
        {
            using var input = _directory.OpenInput(file, IOContext.READ_ONCE);
            var bytes = new byte[input.Length];
            input.ReadBytes(bytes, 0, bytes.Length);
            using var output = new FileStream(Path.Combine(folder, file), FileMode.CreateNew, FileAccess.Write);
            output.Write(bytes);
            output.Flush(flushToDisk: true);
        }

        using var questions = new StreamWriter(new FileStream(Path.Combine(folder, questionsFile), FileMode.CreateNew, FileAccess.Write));
        _indexedQuestions.Write(questions);
        questions.Flush();
        ((FileStream)questions.BaseStream).Flush(flushToDisk: true);
    }

    private static void Write(KnowledgeBase knowledge, RAMDirectory directory, KnowledgeAnalyzer indexAnalyzer)
    {
        var pairs = knowledge.Pairs;

        // LogByteSizeMergePolicy merges neighbouring segments only, so after ForceMerge(1) a document's
        // number is its position in `pairs`: no stored-field lookup is needed to map a hit back to its pair.
        var config = new IndexWriterConfig(KnowledgeAnalyzer.Version, indexAnalyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = IndexedTerms.Similarity,
            MergePolicy = new LogByteSizeMergePolicy(),
        };
        using var writer = new IndexWriter(directory, config);
        foreach (var pair in pairs)
        {
            var document = new Document
            {
                new TextField(QuestionQuery.Fields[QuestionQuery.QuestionField], pair.Question, Field.Store.NO),
                new TextField(QuestionQuery.Fields[QuestionQuery.SectionField], pair.Section, Field.Store.NO),
                new TextField(QuestionQuery.Fields[QuestionQuery.AnswerField], pair.Answer, Field.Store.NO),
            };
            foreach (var alternate in pair.AlternateQuestions)
            {
                document.Add(new TextField(QuestionQuery.Fields[QuestionQuery.AlternatesField], alternate, Field.Store.NO));
            }

            writer.AddDocument(document);
        }

        writer.ForceMerge(1);
        writer.Commit();
    }

    // The spelling corrector's words: every word of the questions as typed, with how many pairs use it.
    private static Dictionary<string, int> QuestionWordCounts(IReadOnlyList<QnaPair> pairs, TypedWordAnalyzer typedWords)
    {
        var questionWords = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
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

        return questionWords;
    }

    /// <summary>Builds the spelling corrector now rather than at the first misspelled word, once start-up is over.</summary>
    public void PrepareSpelling() => _ = _speller.Value;

    /// <summary>Whether the spelling corrector has been built.</summary>
    internal bool SpellingPrepared => _speller.IsValueCreated;

    /// <summary>
    /// Reads the word vectors and the common words, which most messages need, and runs one search of the knowledge's
    /// own first question, so that search's first-time work (code run for the first time, Lucene's lazily read term
    /// and norm data) is done before a visitor's first message, not in it. Every word of that question is in the
    /// knowledge, so it never builds the spelling corrector.
    /// </summary>
    public void WarmUp()
    {
        _ = Vectors.Value;
        _ = Common.Value;
        if (_pairs.Length > 0)
        {
            _ = Search(_pairs[0].Question, 3);
        }
    }

    /// <summary>The sentence, or the part of one, that asks the question of <paramref name="text"/>; the whole text when none does.</summary>
    public static string AskingPart(string text) => AskingSentence.Of(text) ?? text;

    /// <summary>Whether <paramref name="text"/> asks a yes-or-no question ("is it worth it", "can I do it myself"), read from its asking sentence.</summary>
    public static bool AsksYesOrNo(string text) => QuestionShape.Of(text) == Shape.YesNo;

    /// <summary>Finds the pairs that best answer <paramref name="text"/>. Any text is accepted; none throws.</summary>
    public SearchResult Search(string text, int maxCandidates) => Search(text, maxCandidates, AnswerabilityModel.Shipped, PassageRanker.Shipped);

    /// <summary>
    /// Finds the pairs that best answer <paramref name="text"/>, and with <paramref name="answerability"/> how likely
    /// the best of them is to answer it (<see cref="SearchResult.Answerability"/>); none measures no such thing, as
    /// for the model's own training.
    /// </summary>
    public SearchResult Search(string text, int maxCandidates, AnswerabilityModel? answerability) =>
        Search(text, maxCandidates, answerability, PassageRanker.Shipped);

    /// <summary>
    /// As <see cref="Search(string, int, AnswerabilityModel?)"/>, with the candidates in the order of
    /// <paramref name="ranker"/>; none keeps the search's own order by evidence, as for the ranker's own training.
    /// </summary>
    public SearchResult Search(string text, int maxCandidates, AnswerabilityModel? answerability, PassageRanker? ranker)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCandidates, 1);

        // The asking sentence's words, and with them those of the sentence its pronoun stands for ("How does it work?"
        // after "A clinic near me does microdermabrasion."): without them the topic is one word among the scene's many.
        var asking = AskingSentence.Find(text);
        var asked = asking is null ? null : TermSet(asking.Text);
        var emphasised = asking is not null && Referent.Of(asking) is { } referent ? TermSet($"{referent} {asking.Text}") : asked;
        var terms = Emphasised(QueryTerms(text), emphasised);
        if (terms.Count == 0)
        {
            return SearchResult.Empty;
        }

        if (_pairs.Length == 0)
        {
            return new SearchResult(terms, []);
        }

        var scratch = _scratch.Value!;
        var hits = _searcher.Search(new QuestionQuery(terms, _indexedTerms, scratch), Math.Max(maxCandidates, CandidatesToScore)).ScoreDocs;
        if (hits.Length == 0)
        {
            return new SearchResult(terms, []);
        }

        var candidates = new List<SearchCandidate>(hits.Length);

        // Each term's weight (its idf); the query's whole weight; the share of it in words the knowledge uses at all;
        // and the share in those or in words everybody uses (CommonWords): a question mostly about something else
        // ("how do I treat dandruff", "is botox safe for forehead wrinkles") gets less confidence however well its
        // known words match, but "my face gets greasy so fast" is not about "fast".
        Span<double> matchWeights = stackalloc double[terms.Count];
        double queryWeight = 0, knownWeight = 0, everydayWeight = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            var weight = InverseDocumentFrequency(terms[i].Text);
            matchWeights[i] = terms[i].CorrectedFrom is null ? weight : weight * CorrectedTermWeight;
            queryWeight += weight;
            if (_documentFrequency.ContainsKey(terms[i].Text))
            {
                knownWeight += weight;
            }
            else if (Common.Value.Contains(terms[i].Text))
            {
                everydayWeight += weight;
            }
        }

        var knownShare = queryWeight == 0 ? 0 : knownWeight / queryWeight;
        var correctedShare = queryWeight == 0 ? 0 : CorrectedWeight(terms) / queryWeight;
        var onTopicShare = queryWeight == 0 ? 0 : (knownWeight + everydayWeight) / queryWeight;
        var guideWords = GuideWords(terms);

        // The shape tells apart questions about the same words; when the message names something the knowledge lacks
        // ("is botox safe"), a pair with a question of the same shape ("is a peel safe") is no closer for it.
        var shape = knownShare == 1 ? QuestionShape.OfAsking(asking?.Text ?? text) : Shape.None;

        // Numbers for the query's terms once the candidates' questions have theirs.
        foreach (var hit in hits)
        {
            _closestQuestion.Prepare(hit.Doc);
        }

        Span<int> termIds = stackalloc int[terms.Count];
        _closestQuestion.Identify(terms, termIds);
        var (askingTerms, askingWeight) = asking is { IsSentence: true } ? AskingSentenceTerms(asked!, terms) : (0u, 0.0);
        // On the stack for the few candidates a turn asks for; a caller asking for thousands must not overflow it.
        // The one candidate with a question saying what the message says, if exactly one has.
        var sameQuestionAt = -1;
        var sameQuestions = 0;
        Span<int> pairIndexes = hits.Length <= MaxCandidatesOnStack ? stackalloc int[hits.Length] : new int[hits.Length];
        foreach (var hit in hits)
        {
            var (closest, sameQuestion) = _closestQuestion.Match(termIds, matchWeights, queryWeight, scratch.InPair[hit.Doc], shape, hit.Doc);
            if (askingTerms != 0)
            {
                // The scene set before the question makes every pair's closest question a small part of the whole
                // message: matched against the sentence that asks, a pair whose question says what it asks stands out
                // ("Can someone explain what a deep clean of your pores is? I keep seeing it everywhere."). The better
                // of the two, so a message whose scene names the topic keeps what the whole of it matches.
                var askedMatch = _closestQuestion.Match(termIds, matchWeights, askingWeight, scratch.InPair[hit.Doc] & askingTerms, shape, hit.Doc);
                closest = Math.Max(closest, askedMatch.Match);
                sameQuestion |= askedMatch.Same;
            }

            var coverage = Coverage(terms, matchWeights, queryWeight, scratch.InPair[hit.Doc], closest);

            // Lucene's score knows term frequencies, field weights, lengths and phrases; coverage knows how much of
            // the question the pair answers at all. Together they rank better than either (see evaluation/README.md).
            var relevance = hit.Score * (0.5 + coverage);
            var evidence = relevance * Math.Pow(onTopicShare, OnTopicShareExponent);
            if ((scratch.InPair[hit.Doc] & guideWords) == 0 && coverage < VisitorWordsCoverage)
            {
                evidence *= VisitorWordsOnlyShare;
            }

            var visitorWordsOnly = (scratch.InPair[hit.Doc] & guideWords) == 0;
            var confidence = evidence / (evidence + EvidenceAtHalfConfidence);
            if (sameQuestion && knownShare == 1)
            {
                // One of the pair's questions says what the message says, shape and all ("what even is a pore" and
                // "what's a pore"): the pair answers it, however common its words, and so however low Lucene scores them.
                confidence = Math.Max(confidence, SameQuestionConfidence);
                sameQuestionAt = candidates.Count;
                sameQuestions++;
            }

            pairIndexes[candidates.Count] = hit.Doc;
            var signals = new CandidateSignals
            {
                LexicalConfidence = confidence,
                Bm25 = hit.Score,
                Bm25OfBest = hit.Score / hits[0].Score,
                Coverage = coverage,
                ClosestQuestion = closest,
                SameQuestion = sameQuestion && knownShare == 1,
                KnownShare = knownShare,
                OnTopicShare = onTopicShare,
                AskingCovered = askingTerms != 0
                    ? WeightShare(terms, scratch.InPair[hit.Doc] & askingTerms, askingWeight)
                    : WeightShare(terms, scratch.InPair[hit.Doc], queryWeight),
                VisitorWordsOnly = visitorWordsOnly,
                CorrectedShare = correctedShare,
                Words = terms.Count,
                MissingFocus = MissingFocus(terms, scratch.InPair[hit.Doc]),
                MissingKnownShare = queryWeight == 0 ? 0 : MissingKnownWeight(terms, scratch.InPair[hit.Doc]) / queryWeight,
            };
            candidates.Add(new SearchCandidate(_pairs[hit.Doc], hit.Score, confidence) { Coverage = coverage, Signals = signals });
        }

        Span<double> meaning = candidates.Count <= MaxCandidatesOnStack ? stackalloc double[candidates.Count] : new double[candidates.Count];
        _similarQuestions.Measure(pairIndexes[..candidates.Count], terms, meaning);
        WithMeaning(candidates, meaning);
        SimilarQuestions.Reorder(candidates, meaning);
        if (sameQuestions == 1)
        {
            FirstWithBestConfidence(candidates, sameQuestionAt);
        }

        // The ranker orders all the candidates scored, before those past maxCandidates are let go.
        SearchResult.BestFirst(candidates, ranker is null ? maxCandidates : int.MaxValue);
        IReadOnlyList<string>? words = null;
        if (ranker is not null)
        {
            words = MessageWords.Of(text);
            ranker.Order(candidates, words);
            if (candidates.Count > maxCandidates)
            {
                candidates.RemoveRange(maxCandidates, candidates.Count - maxCandidates);
            }
        }

        return new SearchResult(terms, candidates)
        {
            KnownShare = knownShare,
            Model = answerability,
            Message = answerability is null ? null : text,
            SplitWords = words,
        };
    }

    // The signals that compare a candidate with the others: its meaning and the best of theirs, its lead in words.
    private static void WithMeaning(List<SearchCandidate> candidates, ReadOnlySpan<double> meaning)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            double bestOtherMeaning = 0, bestOtherConfidence = 0;
            for (var j = 0; j < candidates.Count; j++)
            {
                if (j != i)
                {
                    bestOtherMeaning = Math.Max(bestOtherMeaning, meaning[j]);
                    bestOtherConfidence = Math.Max(bestOtherConfidence, candidates[j].Signals!.LexicalConfidence);
                }
            }

            var signals = candidates[i].Signals!;
            candidates[i] = candidates[i] with
            {
                Signals = signals with
                {
                    Meaning = meaning[i],
                    MeaningOfBestOther = bestOtherMeaning,
                    LeadOverOthers = signals.LexicalConfidence - bestOtherConfidence,
                },
            };
        }
    }

    // The share of the message's weight (its terms' idf) that the terms in <paramref name="mask"/> carry.
    private double WeightShare(List<QueryTerm> terms, uint mask, double weight)
    {
        if (weight == 0)
        {
            return 0;
        }

        double held = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            if ((mask & (1u << i)) != 0)
            {
                held += InverseDocumentFrequency(terms[i].Text);
            }
        }

        return Math.Min(1, held / weight);
    }

    // The idf of the rarest word the pair lacks, over the idf of a word no pair holds; everyday words the knowledge
    // lacks ("fast", "honestly") are more often how people talk than what they ask about.
    private double MissingFocus(List<QueryTerm> terms, uint inPair)
    {
        double missing = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            if ((inPair & (1u << i)) == 0 && (_documentFrequency.ContainsKey(terms[i].Text) || !Common.Value.Contains(terms[i].Text)))
            {
                missing = Math.Max(missing, InverseDocumentFrequency(terms[i].Text));
            }
        }

        return missing / InverseDocumentFrequency(string.Empty);
    }

    private double MissingKnownWeight(List<QueryTerm> terms, uint inPair)
    {
        double missing = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            if ((inPair & (1u << i)) == 0 && _documentFrequency.ContainsKey(terms[i].Text))
            {
                missing += InverseDocumentFrequency(terms[i].Text);
            }
        }

        return missing;
    }

    private double CorrectedWeight(List<QueryTerm> terms)
    {
        double corrected = 0;
        foreach (var term in terms)
        {
            if (term.CorrectedFrom is not null)
            {
                corrected += InverseDocumentFrequency(term.Text);
            }
        }

        return corrected;
    }

    // A pair that alone has a question saying what the message says answers it before pairs that only score higher on
    // its words: "what's an astringent for skin" is the toners pair's "what's an astringent", though the targeted-toner
    // pair says "skin" more often. The two swap confidences, so the gap that decides between answering and "did you
    // mean" stays.
    private static void FirstWithBestConfidence(List<SearchCandidate> candidates, int chosen)
    {
        var best = chosen;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Confidence > candidates[best].Confidence)
            {
                best = i;
            }
        }

        if (best != chosen)
        {
            (candidates[best], candidates[chosen]) = (candidates[best] with { Confidence = candidates[chosen].Confidence }, candidates[chosen] with { Confidence = candidates[best].Confidence });
        }
    }

    public void Dispose()
    {
        _scratch.Dispose();
        _reader.Dispose();
        _directory.Dispose();
        _queryAnalyzer.Dispose();
        _indexAnalyzer?.Dispose();
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

            return JoinPhrases(terms);
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

            var corrected = _speller.Value.Correct(word);
            if (corrected is null)
            {
                wordTerms.ForEach(term => Add(term, null));
                continue;
            }

            // A misspelled filler word ("wats" for "what's") corrects to a stop word and, like one, drops out.
            foreach (var term in _queryAnalyzer.Terms(corrected))
            {
                Add(term, word, corrected);
            }
        }

        return JoinPhrases(terms);

        void Add(string term, string? correctedFrom, string? correctedTo = null)
        {
            if (terms.Count < MaxQueryTerms && seen.Add(term))
            {
                terms.Add(new QueryTerm(term, correctedFrom) { CorrectedTo = correctedTo });
            }
        }
    }

    // In a message of several sentences, the words of the one that asks count more in Lucene's score: the scene set
    // before it ("I've booked my first facial for next week") otherwise outweighs what is asked. So do those of the
    // part that asks in a sentence of several ("wats a tonner even for, my face is already clean"). Only the score: the
    // coverage still weighs every word alike, so a long message does not become its question alone (weighing the
    // question sentence alone was tried and lost more than it won, evaluation/README.md).
    private static List<QueryTerm> Emphasised(List<QueryTerm> terms, HashSet<string>? asked) =>
        terms.Count < 2 || asked is null ? terms : [.. terms.Select(term => asked.Contains(term.Text) ? term with { Boost = AskingSentenceBoost } : term)];

    private HashSet<string> TermSet(string text) => QueryTerms(text).Select(static term => term.Text).ToHashSet(StringComparer.Ordinal);

    // The query terms (bit i for term i) of the asking sentence of a message of several sentences, and their weight;
    // not for the asking part of a message of one sentence, which matched alone lost more answers than it won
    // (evaluation/README.md).
    private (uint Terms, double Weight) AskingSentenceTerms(HashSet<string> asked, List<QueryTerm> terms)
    {
        var mask = 0u;
        double weight = 0;
        for (var i = 0; i < terms.Count; i++)
        {
            if (asked.Contains(terms[i].Text))
            {
                mask |= 1u << i;
                weight += InverseDocumentFrequency(terms[i].Text);
            }
        }

        return (mask, weight);
    }

    // Words of a multi-word synonym next to each other ("face wash") also mean the synonym, as the index holds it.
    private List<QueryTerm> JoinPhrases(List<QueryTerm> terms)
    {
        var joined = SynonymPhrases.Join(
            terms,
            static term => term.Text,
            _documentFrequency.ContainsKey,
            static (run, phrase) => run.Find(static term => term.CorrectedFrom is not null) is { } corrected
                ? new QueryTerm(phrase, corrected.CorrectedFrom) { CorrectedTo = corrected.CorrectedTo }
                : new QueryTerm(phrase, null));
        if (ReferenceEquals(joined, terms))
        {
            return terms;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. joined.Where(term => seen.Add(term.Text)).Take(MaxQueryTerms)];
    }

    // The query terms (bit i for term i) that the guide's own text uses: a pair's question, section or answer, with
    // the synonyms of its words. The alternates add visitors' words ("money", "stop", "pay") so that visitors are
    // understood; a message that meets a pair only in such words ("should I put money in savings") is about
    // something else more often than not.
    private uint GuideWords(List<QueryTerm> queryTerms)
    {
        var mask = 0u;
        for (var i = 0; i < queryTerms.Count; i++)
        {
            if (_indexedTerms.TryGet(queryTerms[i].Text, out var term)
                && (term.States[QuestionQuery.QuestionField] is not null
                    || term.States[QuestionQuery.SectionField] is not null
                    || term.States[QuestionQuery.AnswerField] is not null))
            {
                mask |= 1u << i;
            }
        }

        return mask;
    }

    private static IEnumerable<string> QuestionWords(QnaPair pair, TypedWordAnalyzer typedWords) =>
        pair.AlternateQuestions.Prepend(pair.Question).SelectMany(typedWords.Words).Distinct(StringComparer.Ordinal);

    // How well the pair covers the question: half for how much of the question's weight it holds anywhere, half for
    // how closely its closest question matches, because a pair with a question saying what was asked answers it
    // better than one mentioning the words in passing (<paramref name="closest"/>, from ClosestQuestion). The pair's
    // terms come as a bit set over the query terms, filled in while the query scored it.
    private static double Coverage(List<QueryTerm> queryTerms, ReadOnlySpan<double> matchWeights, double queryWeight, uint termsInPair, double closest)
    {
        if (queryWeight == 0)
        {
            return 0;
        }

        double inPair = 0;
        for (var i = 0; i < queryTerms.Count; i++)
        {
            if ((termsInPair & (1u << i)) != 0)
            {
                inPair += matchWeights[i];
            }
        }

        return (0.5 * inPair / queryWeight) + (0.5 * closest);
    }

    // BM25's idf: words the knowledge never uses weigh most, so a question about something the guide
    // does not cover ("dandruff") cannot reach a high confidence on its common words alone.
    private double InverseDocumentFrequency(string term)
    {
        var n = _pairs.Length;
        var df = _documentFrequency.GetValueOrDefault(term);
        return Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
    }
}
