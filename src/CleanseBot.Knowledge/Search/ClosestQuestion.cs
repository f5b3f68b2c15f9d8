using CleanseBot.Knowledge.Model;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// How closely a pair's closest question (its main question or one alternate) matches the user's: the weight of the
/// words they share (idf-weighted, synonyms included) over the weight of the larger of the two, so that neither a
/// one-word alternate can claim a long message nor a long alternate a one-word message. The pair as a whole is one
/// bag of all its questions, where a word many alternates repeat ("stop", "help", "face wash") counts as much as the
/// words that set the pair apart; one question saying nearly what the user said is better evidence. A pair's
/// questions are analysed the first time a search reaches it, so building the index costs nothing more.
/// </summary>
internal sealed class ClosestQuestion
{
    private readonly Lazy<Question[]>[] _questions;

    public ClosestQuestion(IReadOnlyList<QnaPair> pairs, IndexedQuestions indexedQuestions, KnowledgeAnalyzer queryAnalyzer, Func<string, double> weight)
    {
        _questions = new Lazy<Question[]>[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var (pair, pairIndex) = (pairs[i], i);
            _questions[i] = new Lazy<Question[]>(() => [.. pair.AlternateQuestions.Prepend(pair.Question).Zip(indexedQuestions.Of(pairIndex), (text, terms) => new Question(
                // What a question matches is its words with their synonyms, as indexed; what it weighs is its own words.
                new HashSet<string>(terms, StringComparer.Ordinal),
                queryAnalyzer.Terms(text).Distinct(StringComparer.Ordinal).Sum(weight)))]);
        }
    }

    /// <summary>0 (no word shared) to 1 (the same words) for the pair at <paramref name="pairIndex"/>'s closest question.</summary>
    /// <param name="matchWeights">Each query term's weight when a question holds it (less for a corrected typo).</param>
    /// <param name="queryWeight">The query's whole weight.</param>
    public double Match(List<QueryTerm> queryTerms, ReadOnlySpan<double> matchWeights, double queryWeight, int pairIndex)
    {
        var best = 0.0;
        foreach (var question in _questions[pairIndex].Value)
        {
            var shared = 0.0;
            for (var i = 0; i < queryTerms.Count; i++)
            {
                if (question.Terms.Contains(queryTerms[i].Text))
                {
                    shared += matchWeights[i];
                }
            }

            var larger = Math.Max(queryWeight, question.Weight);
            if (larger > 0)
            {
                best = Math.Max(best, shared / larger);
            }
        }

        return best;
    }

    private sealed record Question(HashSet<string> Terms, double Weight);
}
