using CleanseBot.Knowledge.Model;

namespace CleanseBot.Knowledge.Search;

/// <summary>What a search found: the user's words as analysed, and the best candidates, best first.</summary>
public sealed record SearchResult(IReadOnlyList<string> QueryTerms, IReadOnlyList<SearchCandidate> Candidates)
{
    public static SearchResult Empty { get; } = new([], []);

    public SearchCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;
}

/// <summary>
/// One candidate answer. <see cref="Score"/> is Lucene's BM25 score (comparable only within one search);
/// <see cref="Confidence"/> is in [0, 1]: how much of what the user asked, weighted by how telling each word is,
/// the pair covers. Confidence is what thresholds compare.
/// </summary>
public sealed record SearchCandidate(QnaPair Pair, float Score, double Confidence);
