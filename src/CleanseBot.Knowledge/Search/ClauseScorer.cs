using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Scores one clause of a <see cref="QuestionQuery"/> into a thread's <see cref="SearchScratch"/>, with Lucene's
/// BM25 arithmetic in Lucene's order: a term as the DisjunctionMaxQuery of its TermQuery per weighted field, or two
/// neighbouring terms as a sloppy PhraseQuery in one question field.
/// </summary>
internal sealed class ClauseScorer(IndexedTerms index, SearchScratch scratch)
{
    /// <summary>Field weights, in <see cref="QuestionQuery.Fields"/> order: the questions say most about what a pair answers.</summary>
    private static readonly float[] Boosts = [4f, 3f, 1.5f, 1f];

    // A term's best field counts fully, its other fields at this share.
    private const float TieBreaker = 0.3f;

    // Words that stand together in the question and in a pair's questions ("chemical peel", "large pores") say
    // more than the same words apart; up to two words between them still count, less.
    private const int PhraseSlop = 2;
    private const float PhraseBoost = 2f;

    private readonly IndexedTerms _index = index;
    private readonly SearchScratch _scratch = scratch;

    // As BM25 weighs a TermQuery with its field's boost inside a DisjunctionMaxQuery boosted by the term's own boost.
    private float TermWeight(int docFrequency, int field, float termBoost) =>
        IndexedTerms.Similarity.InverseDocumentFrequency(docFrequency, _index.DocumentCount) * (termBoost * Boosts[field]) * (IndexedTerms.Similarity.K1 + 1);

    // DisjunctionMaxScorer over one TermScorer per field holding the term. Its sum of the fields' scores depends on
    // the order of its heap of sub-scorers, so the heap is kept the same way: a binary heap on the current
    // document, sifted down after each advance, children visited left subtree first.
    /// <param name="boost">How much more than other terms the term counts (see <see cref="QueryTerm.Boost"/>).</param>
    public void ScoreTerm(IndexedTerm term, uint bit, float boost = 1f)
    {
        Span<int> fields = stackalloc int[QuestionQuery.Fields.Length];
        var cursors = new DocsEnum[QuestionQuery.Fields.Length];
        Span<float> weights = stackalloc float[QuestionQuery.Fields.Length];
        var count = 0;
        for (var field = 0; field < QuestionQuery.Fields.Length; field++)
        {
            var state = term.States[field];
            if (state is not null)
            {
                fields[count] = field;
                weights[count] = TermWeight(term.DocFrequencies[field], field, boost);
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

        Span<int> pending = stackalloc int[2 * QuestionQuery.Fields.Length];
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

                inQuestions |= field is QuestionQuery.QuestionField or QuestionQuery.AlternatesField;
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
    public void ScorePhrase(IndexedTerm first, IndexedTerm second, int field)
    {
        var weight = PhraseWeight(first, second, field);
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

    private float PhraseWeight(IndexedTerm first, IndexedTerm second, int field)
    {
        var idf = IndexedTerms.Similarity.InverseDocumentFrequency(first.DocFrequencies[field], _index.DocumentCount)
            + IndexedTerms.Similarity.InverseDocumentFrequency(second.DocFrequencies[field], _index.DocumentCount);
        return idf * PhraseBoost * (IndexedTerms.Similarity.K1 + 1);
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

    /// <summary>A common term's clause read from its champion list: its exact score in each champion, nothing elsewhere.</summary>
    public void AddChampions(Champions champions, uint bit)
    {
        var docs = champions.Docs;
        for (var i = 0; i < docs.Length; i++)
        {
            var doc = docs[i];
            _scratch.Add(doc, champions.Scores[i]);
            _scratch.InPair[doc] |= bit;
            if (champions.InQuestions[i])
            {
                _scratch.InQuestions[doc] |= bit;
            }
        }
    }

    /// <summary>
    /// A phrase with a common term, scored only in those of <paramref name="docs"/> (ascending) known to hold both
    /// terms in their questions (<paramref name="bits"/>: the two terms' bits), as far as champion lists tell.
    /// </summary>
    public void ScorePhraseIn(IndexedTerm first, IndexedTerm second, int field, ReadOnlySpan<int> docs, uint bits)
    {
        var weight = PhraseWeight(first, second, field);
        var a = _scratch.Positions(field, first, lead: true);
        var b = _scratch.Positions(field, second, lead: false);
        var norms = _index.Norms[field];
        int docA = -1, docB = -1;
        foreach (var doc in docs)
        {
            if ((_scratch.InQuestions[doc] & bits) != bits)
            {
                continue;
            }

            if (docA < doc)
            {
                docA = a.Advance(doc);
            }

            if (docB < doc)
            {
                docB = b.Advance(doc);
            }

            if (docA == DocIdSetIterator.NO_MORE_DOCS || docB == DocIdSetIterator.NO_MORE_DOCS)
            {
                return;
            }

            if (docA == doc && docB == doc)
            {
                var freq = SloppyFrequency(ReadPositions(a, 0, lead: true), ReadPositions(b, 1, lead: false));
                if (freq != 0f)
                {
                    _scratch.Add(doc, weight * freq / (freq + norms.LengthFactor(doc)));
                }
            }
        }
    }
}
