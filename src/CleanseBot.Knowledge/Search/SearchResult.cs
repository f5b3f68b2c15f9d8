using System.Text.RegularExpressions;
using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Ranking;

namespace CleanseBot.Knowledge.Search;

/// <summary>What a search found: the user's words as analysed, and the best candidates, best first.</summary>
public sealed record SearchResult(IReadOnlyList<QueryTerm> QueryTerms, IReadOnlyList<SearchCandidate> Candidates)
{
    /// <summary>Share of the question's weight in words the knowledge uses at all; low for questions about something else.</summary>
    public double KnownShare { get; init; }

    /// <summary>
    /// How likely <see cref="Best"/> is to answer the message, by the learned model; null when the search had none.
    /// </summary>
    public Answerability? Answerability => Model is not null && Best?.Signals is { } signals ? new Answerability(Model, signals, Words) : null;

    internal AnswerabilityModel? Model { get; init; }

    // Split when first asked: most of a turn's searches (follow-ups, "did you mean", the warning check's) are never judged.
    /// <summary>The message's words as the answerability model weighs them (<see cref="MessageWords"/>).</summary>
    public IReadOnlyList<string> Words => _words ??= Message is null ? [] : MessageWords.Of(Message);

    /// <summary>The message searched for, when the search judges it (<see cref="Model"/>).</summary>
    internal string? Message { get; init; }

    /// <summary>The message's words when the search split them already (for the ranker), so that they are split once.</summary>
    internal IReadOnlyList<string>? SplitWords
    {
        init => _words = value;
    }

    private IReadOnlyList<string>? _words;

    public static SearchResult Empty { get; } = new([], []);

    public SearchCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;

    /// <summary>
    /// The same search with each candidate scored again by <paramref name="rescore"/>, best first again, at most
    /// <paramref name="maxCandidates"/>; without <see cref="Answerability"/>, which judged the search's own scores.
    /// </summary>
    public SearchResult Rescored(Func<SearchCandidate, SearchCandidate> rescore, int maxCandidates = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(rescore);
        var rescored = new List<SearchCandidate>(Candidates.Count);
        foreach (var candidate in Candidates)
        {
            rescored.Add(rescore(candidate));
        }

        BestFirst(rescored, maxCandidates);

        // The model judged the search's own order and confidences; it has nothing to say about another's.
        return this with { Candidates = rescored, Model = null };
    }

    /// <summary><paramref name="text"/> with the words the search corrected spelt as corrected ("is steem good" → "is steam good").</summary>
    public string WithCorrections(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var term in QueryTerms)
        {
            if (term is { CorrectedFrom: { } typed, CorrectedTo: { } corrected })
            {
                text = Regex.Replace(text, $@"\b{Regex.Escape(typed)}\b", corrected, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }

        return text;
    }

    /// <summary>Orders candidates by confidence, best first, and keeps the first <paramref name="maxCandidates"/>.</summary>
    internal static void BestFirst(List<SearchCandidate> candidates, int maxCandidates)
    {
        candidates.Sort(static (a, b) => b.Confidence.CompareTo(a.Confidence));
        if (candidates.Count > maxCandidates)
        {
            candidates.RemoveRange(maxCandidates, candidates.Count - maxCandidates);
        }
    }
}

/// <summary>A term of the user's question as the index sees it; <see cref="CorrectedFrom"/> is the user's spelling when it was corrected.</summary>
public sealed record QueryTerm(string Text, string? CorrectedFrom)
{
    /// <summary>The word <see cref="CorrectedFrom"/> was corrected to, as the knowledge spells it ("steam" for "steem").</summary>
    public string? CorrectedTo { get; init; }

    /// <summary>How much more than the message's other words the term counts in the score: more in the sentence that asks (<see cref="AskingSentence"/>).</summary>
    internal float Boost { get; init; } = 1f;

    public override string ToString() => CorrectedFrom is null ? Text : $"{Text} (from {CorrectedFrom})";
}

/// <summary>
/// One candidate answer. <see cref="Score"/> is Lucene's BM25 score; <see cref="Confidence"/>, in [0, 1), grows
/// with that score, with how much of the question the pair covers and with how little of the question is in rare
/// words the knowledge never uses (see <see cref="CommonWords"/>). Candidates are ordered by confidence; thresholds
/// compare it.
/// </summary>
public sealed record SearchCandidate(QnaPair Pair, float Score, double Confidence)
{
    /// <summary>How well the pair covers the question, 0 to 1: half the share of its weight anywhere in the pair, half how closely the pair's closest question matches.</summary>
    public double Coverage { get; init; }

    /// <summary>Similarity of meaning to the pair's closest question (-1 to 1), when a semantic re-ranker scored it.</summary>
    public double? Similarity { get; init; }

    /// <summary>What the search measured about the pair for the message; the answerability model weighs these.</summary>
    public CandidateSignals? Signals { get; init; }

    /// <summary>The passage ranker's score (log-odds that the pair is the one asked about), when it ordered the candidates.</summary>
    public double? RankerScore { get; init; }
}
