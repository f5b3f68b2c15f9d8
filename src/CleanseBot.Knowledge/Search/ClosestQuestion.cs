using System.Collections.Concurrent;
using CleanseBot.Knowledge.Model;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// How closely a pair's closest question (its main question or one alternate) matches the user's: the weight of the
/// words they share (idf-weighted, synonyms included) over the weight of the larger of the two, so that neither a
/// one-word alternate can claim a long message nor a long alternate a one-word message. The pair as a whole is one
/// bag of all its questions, where a word many alternates repeat ("stop", "help", "face wash") counts as much as the
/// words that set the pair apart; one question saying nearly what the user said is better evidence. Questions are
/// compared by their shape too (<see cref="QuestionShape"/>): "what is a pore" and "what are pores for" share their
/// only word. A pair's questions are analysed the first time a search reaches it, so building the index costs nothing
/// more.
/// </summary>
internal sealed class ClosestQuestion
{
    // How much a question's shape (what, why, how, yes or no; see QuestionShape) weighs against its words: as much as
    // a word a third of the pairs use, so it tells "what is a pore" from "what are pores for", which share their one
    // word, but moves a message of several words that matter less. 0.3 to 0.75 gained less, 1.5 and 2 lost held-out
    // answers (evaluation/README.md).
    private const double ShapeWeight = 1;

    // How closely a question must match for the message to say what it says: a corrected typo of a common word
    // ("pors" for "pores") still does, a message with one more word that matters does not.
    private const double SameQuestion = 0.95;

    private readonly Lazy<PairQuestions>[] _questions;

    // Terms as numbers, so matching a candidate's questions looks up integers rather than hashing strings again
    // for every question of every candidate (which doubled a search's time). Filled as pairs are first analysed.
    private readonly ConcurrentDictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private int _lastTermId = -1;

    public ClosestQuestion(IReadOnlyList<QnaPair> pairs, IndexedQuestions indexedQuestions, KnowledgeAnalyzer queryAnalyzer, Func<string, double> weight, Func<string, bool> isIndexed)
    {
        _questions = new Lazy<PairQuestions>[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var (pair, pairIndex) = (pairs[i], i);
            _questions[i] = new Lazy<PairQuestions>(() => Read(pair, indexedQuestions.Of(pairIndex), queryAnalyzer, weight, isIndexed));
        }
    }

    /// <summary>The number of each query term, or -1 for a term no question analysed so far holds; once per search.</summary>
    public void Identify(List<QueryTerm> queryTerms, Span<int> ids)
    {
        for (var i = 0; i < queryTerms.Count; i++)
        {
            ids[i] = _termIds.TryGetValue(queryTerms[i].Text, out var id) ? id : -1;
        }
    }

    /// <summary>
    /// 0 (no word shared) to 1 (the same words and shape) for the pair at <paramref name="pairIndex"/>'s closest
    /// question, and whether one of its questions says what the message says: nearly the same words, the same shape.
    /// </summary>
    /// <param name="queryIds">The query terms' numbers, from <see cref="Identify"/> after this pair's questions were read (see <see cref="Prepare"/>).</param>
    /// <param name="matchWeights">Each query term's weight when a question holds it (less for a corrected typo).</param>
    /// <param name="queryWeight">The query's whole weight.</param>
    /// <param name="termsInPair">The query terms the pair holds anywhere, as bits: no question holds the others.</param>
    /// <param name="shape">The message's shape: where the question has one too, it counts as one more word, shared when the two are alike.</param>
    public (double Match, bool Same) Match(ReadOnlySpan<int> queryIds, ReadOnlySpan<double> matchWeights, double queryWeight, uint termsInPair, Shape shape, int pairIndex)
    {
        var pair = _questions[pairIndex].Value;
        Span<double> shared = pair.Weights.Length <= 64 ? stackalloc double[pair.Weights.Length] : new double[pair.Weights.Length];
        shared.Clear();
        for (var i = 0; i < queryIds.Length; i++)
        {
            if ((termsInPair & (1u << i)) != 0 && queryIds[i] >= 0 && pair.QuestionsHolding.TryGetValue(queryIds[i], out var questions))
            {
                foreach (var question in questions)
                {
                    shared[question] += matchWeights[i];
                }
            }
        }

        var best = 0.0;
        var same = false;
        for (var question = 0; question < shared.Length; question++)
        {
            if (shared[question] == 0)
            {
                continue;
            }

            // A fragment ("salicylic acid cleanser", "pores") fits a question of any shape, and a fragment of a
            // message any question; two questions of different shapes ask different things.
            var questionShape = pair.Shapes[question];
            var shapeWeight = shape == Shape.None || questionShape == Shape.None ? 0 : ShapeWeight;
            var larger = Math.Max(queryWeight, pair.Weights[question]) + shapeWeight;
            var match = (shared[question] + (shape == questionShape ? shapeWeight : 0)) / larger;
            best = Math.Max(best, match);
            same |= match >= SameQuestion && shape == questionShape;
        }

        return (best, same);
    }

    /// <summary>Reads the questions of the pair at <paramref name="pairIndex"/> if no search has yet, giving their terms numbers.</summary>
    public void Prepare(int pairIndex) => _ = _questions[pairIndex].Value;

    // What a question matches is its words with their synonyms, as indexed; what it weighs is its own words, with
    // the multi-word synonyms they spell, as a message's are weighed.
    private PairQuestions Read(QnaPair pair, string[][] indexed, KnowledgeAnalyzer queryAnalyzer, Func<string, double> weight, Func<string, bool> isIndexed)
    {
        var texts = pair.AlternateQuestions.Prepend(pair.Question).ToArray();
        var weights = new double[texts.Length];
        var shapes = new Shape[texts.Length];
        var holding = new Dictionary<int, List<int>>();
        for (var question = 0; question < texts.Length; question++)
        {
            shapes[question] = QuestionShape.Of(texts[question]);
            weights[question] = SynonymPhrases.Join(queryAnalyzer.Terms(texts[question]), isIndexed).Distinct(StringComparer.Ordinal).Sum(weight);
            foreach (var term in indexed[question].Distinct(StringComparer.Ordinal))
            {
                var id = _termIds.GetOrAdd(term, _ => Interlocked.Increment(ref _lastTermId));
                if (!holding.TryGetValue(id, out var questions))
                {
                    holding[id] = questions = [];
                }

                questions.Add(question);
            }
        }

        return new PairQuestions(weights, shapes, holding.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray()));
    }

    /// <param name="Weights">Each question's own weight, main question first.</param>
    /// <param name="Shapes">Each question's shape, main question first.</param>
    /// <param name="QuestionsHolding">For each term number, the questions that hold it.</param>
    private sealed record PairQuestions(double[] Weights, Shape[] Shapes, Dictionary<int, int[]> QuestionsHolding);
}
