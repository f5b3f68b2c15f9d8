using CleanseBot.Knowledge.Model;

namespace CleanseBot.Knowledge.Search;

/// <summary>What a search found: the user's words as analysed, and the best candidates, best first.</summary>
public sealed record SearchResult(IReadOnlyList<QueryTerm> QueryTerms, IReadOnlyList<SearchCandidate> Candidates)
{
    /// <summary>Share of the question's weight in words the knowledge uses at all; low for questions about something else.</summary>
    public double KnownShare { get; init; }

    public static SearchResult Empty { get; } = new([], []);

    public SearchCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;
}

/// <summary>A term of the user's question as the index sees it; <see cref="CorrectedFrom"/> is the user's spelling when it was corrected.</summary>
public sealed record QueryTerm(string Text, string? CorrectedFrom)
{
    public override string ToString() => CorrectedFrom is null ? Text : $"{Text} (from {CorrectedFrom})";
}

/// <summary>
/// One candidate answer. <see cref="Score"/> is Lucene's BM25 score (comparable only within one search);
/// <see cref="Confidence"/> is in [0, 1]: how much of what the user asked, weighted by how telling each word is,
/// the pair covers. Confidence is what thresholds compare.
/// </summary>
public sealed record SearchCandidate(QnaPair Pair, float Score, double Confidence)
{
    /// <summary>Share of the question's weight found anywhere in the pair.</summary>
    public double Coverage { get; init; }

    /// <summary>Share of the question's weight found in the pair's main and alternate questions.</summary>
    public double QuestionCoverage { get; init; }
}
