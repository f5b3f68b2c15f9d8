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
/// BooleanScorer does), which also records which pairs hold which terms for the coverage. The one departure is
/// for terms so common that they have <see cref="Champions"/> (knowledge of more than a thousand pairs only), which
/// are scored without their <see cref="QueryTerm.Boost"/>: a word that common decides little either way.
/// </summary>
internal sealed class QuestionQuery : Query
{
    public const int QuestionField = 0;
    public const int AlternatesField = 1;
    public const int SectionField = 2;
    public const int AnswerField = 3;

    /// <summary>The indexed fields, in the dismax's order.</summary>
    public static readonly string[] Fields = ["question", "alternates", "section", "answer"];

    private static readonly int[] PhraseFields = [QuestionField, AlternatesField];

    // How many of the best pairs so far a phrase with a common term is scored in (see Champions).
    private const int PhraseRescored = 20;

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
        var scorer = new ClauseScorer(_index, _scratch);
        List<Clause>? deferred = null;

        // BooleanScorer keeps its sub-scorers in a list it prepends to, so it adds a document's clause scores
        // last clause first; the same order gives the same double sum.
        for (var c = clauses.Count - 1; c >= 0; c--)
        {
            var clause = clauses[c];
            if (clause.Kind == ClauseKind.Term)
            {
                var term = indexed[clause.Term]!;
                if (term.Champions is { } champions)
                {
                    scorer.AddChampions(champions, 1u << clause.Term);
                }
                else
                {
                    scorer.ScoreTerm(term, 1u << clause.Term, _terms[clause.Term].Boost);
                }
            }
            else if (indexed[clause.Term - 1]!.Champions is not null || indexed[clause.Term]!.Champions is not null)
            {
                (deferred ??= []).Add(clause);
            }
            else
            {
                scorer.ScorePhrase(indexed[clause.Term - 1]!, indexed[clause.Term]!, clause.Field);
            }
        }

        // A phrase with a common word would have to advance through that word's positions in most pairs; it
        // only reorders the best pairs, so only they are read.
        if (deferred is not null)
        {
            var best = _scratch.Best(PhraseRescored);
            foreach (var clause in deferred)
            {
                scorer.ScorePhraseIn(indexed[clause.Term - 1]!, indexed[clause.Term]!, clause.Field, best, 3u << (clause.Term - 1));
            }
        }
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
