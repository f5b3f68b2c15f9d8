using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// The user's question as one Lucene query: per term, the best of its matches in the four weighted fields (a
/// dismax), and per pair of neighbouring terms a sloppy phrase in the question fields, all summed. It scores
/// exactly as the BooleanQuery of DisjunctionMaxQuery, TermQuery and PhraseQuery clauses it replaces (same BM25,
/// same float and double arithmetic in the same order, checked on every evaluation message), but with no object per
/// clause: term statistics come from <see cref="IndexedTerms"/>, enumerators and sums from the thread's
/// <see cref="SearchScratch"/>, and the clauses are scored one after another into one array (as Lucene's
/// BooleanScorer does), which also records which pairs hold which terms for the coverage.
/// </summary>
internal sealed class QuestionQuery : Query
{
    public const int QuestionField = 0;
    public const int AlternatesField = 1;
    public const int SectionField = 2;
    public const int AnswerField = 3;

    /// <summary>The indexed fields, in the dismax's order.</summary>
    public static readonly string[] Fields = ["question", "alternates", "section", "answer"];

    private static readonly float[] Boosts = [4f, 3f, 1.5f, 1f];
    private static readonly int[] PhraseFields = [QuestionField, AlternatesField];

    // A term's best field counts fully, its other fields at this share.
    private const float TieBreaker = 0.3f;

    // Words that stand together in the question and in a pair's questions ("chemical peel", "large pores") say
    // more than the same words apart; up to two words between them still count, less.
    private const int PhraseSlop = 2;
    private const float PhraseBoost = 2f;

    private readonly IReadOnlyList<QueryTerm> _terms;
    private readonly IndexedTerms _index;
    private readonly SearchScratch _scratch;

    public QuestionQuery(IReadOnlyList<QueryTerm> terms, IndexedTerms index, SearchScratch scratch)
    {
        _terms = terms;
        _index = index;
        _scratch = scratch;
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new QuestionWeight(this);

    public override string ToString(string field) => string.Join(' ', _terms);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    private enum ClauseKind
    {
        Term,
        Phrase,
    }

    private readonly record struct Clause(ClauseKind Kind, int Term, int Field);

    // The clauses of the BooleanQuery this query stands for, in its order: a clause per term that some field
    // holds, then a phrase per neighbouring pair and question field holding both.
    private List<Clause> Clauses(IndexedTerm?[] indexed)
    {
        var clauses = new List<Clause>(_terms.Count * 2);
        for (var i = 0; i < _terms.Count; i++)
        {
            if (indexed[i] is not null)
            {
                clauses.Add(new Clause(ClauseKind.Term, i, -1));
            }
        }

        for (var i = 1; i < _terms.Count; i++)
        {
            foreach (var field in PhraseFields)
            {
                if (indexed[i - 1]?.States[field] is not null && indexed[i]?.States[field] is not null)
                {
                    clauses.Add(new Clause(ClauseKind.Phrase, i, field));
                }
            }
        }

        return clauses;
    }

    // Fills the scratch with every matching document's score; the caller walks it in document order.
    private void Score()
    {
        var indexed = new IndexedTerm?[_terms.Count];
        for (var i = 0; i < _terms.Count; i++)
        {
            indexed[i] = _index.TryGet(_terms[i].Text, out var term) ? term : null;
        }

        var clauses = Clauses(indexed);

        // BooleanScorer keeps its sub-scorers in a list it prepends to, so it adds a document's clause scores
        // last clause first; the same order gives the same double sum.
        for (var c = clauses.Count - 1; c >= 0; c--)
        {
            var clause = clauses[c];
            if (clause.Kind == ClauseKind.Term)
            {
                ScoreTerm(clause.Term, indexed[clause.Term]!);
            }
            else
            {
                ScorePhrase(indexed[clause.Term - 1]!, indexed[clause.Term]!, clause.Field);
            }
        }
    }

    private float TermWeight(int docFrequency, int field) =>
        IndexedTerms.Similarity.InverseDocumentFrequency(docFrequency, _index.DocumentCount) * Boosts[field] * (IndexedTerms.Similarity.K1 + 1);

    // DisjunctionMaxScorer over one TermScorer per field holding the term. Its sum of the fields' scores depends on
    // the order of its heap of sub-scorers, so the heap is kept the same way: a binary heap on the current
    // document, sifted down after each advance, children visited left subtree first.
    private void ScoreTerm(int termIndex, IndexedTerm term)
    {
        Span<int> fields = stackalloc int[Fields.Length];
        var cursors = new DocsEnum[Fields.Length];
        Span<float> weights = stackalloc float[Fields.Length];
        var count = 0;
        for (var field = 0; field < Fields.Length; field++)
        {
            var state = term.States[field];
            if (state is not null)
            {
                fields[count] = field;
                weights[count] = TermWeight(term.DocFrequencies[field], field);
                cursors[count] = _scratch.Docs(field, term);
                count++;
            }
        }

        // Heap slots hold cursor numbers; every cursor starts before the first document.
        Span<int> heap = stackalloc int[count];
        Span<int> docs = stackalloc int[count];
        for (var i = 0; i < count; i++)
        {
            heap[i] = i;
            docs[i] = -1;
        }

        Span<int> pending = stackalloc int[2 * Fields.Length];
        var bit = 1u << termIndex;
        var size = count;
        var doc = -1;
        while (true)
        {
            // DisjunctionScorer.NextDoc: advance the top until it stands on a new document.
            while (true)
            {
                var top = heap[0];
                docs[top] = cursors[top].NextDoc();
                if (docs[top] != DocIdSetIterator.NO_MORE_DOCS)
                {
                    SiftDown(heap, docs, size, 0);
                }
                else
                {
                    heap[0] = heap[size - 1];
                    size--;
                    if (size == 0)
                    {
                        return;
                    }

                    SiftDown(heap, docs, size, 0);
                }

                if (docs[heap[0]] != doc)
                {
                    break;
                }
            }

            doc = docs[heap[0]];
            float sum = 0, max = 0;
            var inQuestions = false;

            // DisjunctionMaxScorer.AfterNext: the top, then the left subtree before the right, as far as they stand on doc.
            var pendingCount = 0;
            pending[pendingCount++] = 0;
            while (pendingCount > 0)
            {
                var slot = pending[--pendingCount];
                if (slot >= size || docs[heap[slot]] != doc)
                {
                    continue;
                }

                var cursor = heap[slot];
                var field = fields[cursor];
                float freq = cursors[cursor].Freq;
                var score = weights[cursor] * freq / (freq + _index.Norms[field].LengthFactor(doc));
                if (slot == 0)
                {
                    sum = max = score;
                }
                else
                {
                    sum += score;
                    max = Math.Max(max, score);
                }

                inQuestions |= field is QuestionField or AlternatesField;
                pending[pendingCount++] = (slot << 1) + 2;
                pending[pendingCount++] = (slot << 1) + 1;
            }

            _scratch.Add(doc, max + ((sum - max) * TieBreaker));
            _scratch.InPair[doc] |= bit;
            if (inQuestions)
            {
                _scratch.InQuestions[doc] |= bit;
            }
        }
    }

    private static void SiftDown(Span<int> heap, Span<int> docs, int size, int slot)
    {
        var moving = heap[slot];
        var doc = docs[moving];
        while (slot <= (size >> 1) - 1)
        {
            var left = (slot << 1) + 1;
            var right = left + 1;
            var leftDoc = docs[heap[left]];
            var rightDoc = right < size ? docs[heap[right]] : int.MaxValue;

            // The smaller child moves up, the left one on a tie, and only when smaller than the moving cursor.
            var child = rightDoc < leftDoc ? right : left;
            if (Math.Min(leftDoc, rightDoc) >= doc)
            {
                return;
            }

            heap[slot] = heap[child];
            heap[child] = moving;
            slot = child;
        }
    }

    // SloppyPhraseScorer for two different terms, the second expected one position after the first: a document
    // holding both scores BM25 of its sloppy frequency, the sum of 1 / (distance + 1) over the matches no more
    // than the slop apart, when that sum is not zero.
    private void ScorePhrase(IndexedTerm first, IndexedTerm second, int field)
    {
        var idf = IndexedTerms.Similarity.InverseDocumentFrequency(first.DocFrequencies[field], _index.DocumentCount)
            + IndexedTerms.Similarity.InverseDocumentFrequency(second.DocFrequencies[field], _index.DocumentCount);
        var weight = idf * PhraseBoost * (IndexedTerms.Similarity.K1 + 1);
        var a = _scratch.Positions(field, first, lead: true);
        var b = _scratch.Positions(field, second, lead: false);
        var norms = _index.Norms[field];
        var docA = a.NextDoc();
        var docB = b.Advance(docA);
        while (docA != DocIdSetIterator.NO_MORE_DOCS && docB != DocIdSetIterator.NO_MORE_DOCS)
        {
            if (docA < docB)
            {
                docA = a.Advance(docB);
                continue;
            }

            if (docB < docA)
            {
                docB = b.Advance(docA);
                continue;
            }

            var freq = SloppyFrequency(ReadPositions(a, 0, lead: true), ReadPositions(b, 1, lead: false));
            if (freq != 0f)
            {
                _scratch.Add(docA, weight * freq / (freq + norms.LengthFactor(docA)));
            }

            docA = a.NextDoc();
            docB = docA == DocIdSetIterator.NO_MORE_DOCS ? docA : b.Advance(docA);
        }
    }

    // A term's positions in the current document, less its offset in the phrase (as PhrasePositions keeps them).
    private ReadOnlySpan<int> ReadPositions(DocsAndPositionsEnum postings, int offset, bool lead)
    {
        var count = postings.Freq;
        var buffer = lead ? _scratch.LeadPositions : _scratch.FollowPositions;
        if (buffer.Length < count)
        {
            buffer = new int[ArrayUtil.Oversize(count, sizeof(int))];
            if (lead)
            {
                _scratch.LeadPositions = buffer;
            }
            else
            {
                _scratch.FollowPositions = buffer;
            }
        }

        for (var i = 0; i < count; i++)
        {
            buffer[i] = postings.NextPosition() - offset;
        }

        return buffer.AsSpan(0, count);
    }

    // PhraseFreq for two terms: repeatedly takes the term standing earlier (the first term on a tie) as the start
    // of a match, keeps the shortest match length while that term can move without passing the other, and
    // counts the match when it is within the slop.
    private static float SloppyFrequency(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        // at[0] and at[1] index the current position of the first and the second term; earlier is 0 or 1.
        Span<int> at = [0, 0];
        var earlier = second[0] < first[0] ? 1 : 0;
        var end = Math.Max(first[0], second[0]);
        var matchLength = end - (earlier == 0 ? first[0] : second[0]);
        var next = earlier == 0 ? second[0] : first[0];
        var freq = 0f;
        while (true)
        {
            var positions = earlier == 0 ? first : second;
            if (++at[earlier] >= positions.Length)
            {
                break;
            }

            var position = positions[at[earlier]];
            end = Math.Max(end, position);
            if (position > next)
            {
                if (matchLength <= PhraseSlop)
                {
                    freq += 1.0f / (matchLength + 1);
                }

                next = position;
                earlier = 1 - earlier;
                matchLength = end - (earlier == 0 ? first[at[0]] : second[at[1]]);
            }
            else
            {
                matchLength = Math.Min(matchLength, end - position);
            }
        }

        if (matchLength <= PhraseSlop)
        {
            freq += 1.0f / (matchLength + 1);
        }

        return freq;
    }

    private sealed class QuestionWeight(QuestionQuery query) : Weight
    {
        public override Query Query => query;

        public override float GetValueForNormalization() => 1f;

        // BM25 ignores the query norm, and this query is never nested under a boost.
        public override void Normalize(float norm, float topLevelBoost)
        {
        }

        public override Scorer GetScorer(AtomicReaderContext context, IBits acceptDocs)
        {
            query._scratch.Clear();
            query.Score();
            return new SumsScorer(this, query._scratch);
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            var scorer = GetScorer(context, context.AtomicReader.LiveDocs);
            return scorer.Advance(doc) == doc
                ? new Explanation(scorer.GetScore(), "sum of the question's term and phrase clauses")
                : new Explanation(0f, "no matching term");
        }
    }

    // Hands the summed documents to the collector in document order.
    private sealed class SumsScorer(Weight weight, SearchScratch scratch) : Scorer(weight)
    {
        private int _doc = -1;

        public override int DocID => _doc;

        public override int Freq => 1;

        public override float GetScore() => (float)scratch.Sums[_doc];

        public override int NextDoc() => Advance(_doc + 1);

        public override int Advance(int target)
        {
            var next = scratch.NextTouched(target);
            return _doc = next < 0 ? NO_MORE_DOCS : next;
        }

        public override long GetCost() => scratch.Sums.Length;
    }
}
