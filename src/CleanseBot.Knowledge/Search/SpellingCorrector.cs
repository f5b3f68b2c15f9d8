namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Maps a word the knowledge never uses to the closest word its questions use ("steem" → "steam"), so that
/// typos still find answers. Works on analysed (stemmed) terms. A wrong correction is worse than none, so it is
/// cautious: words under five letters are left alone (almost every short word is one edit from another), the
/// first letter must match (people rarely mistype it), and only words of the questions are targets, because a
/// correctly spelled word the guide lacks ("whole") must not turn into a filler word of some answer ("while").
/// </summary>
internal sealed class SpellingCorrector
{
    private const int MinLengthForOneEdit = 5;
    private const int MinLengthForTwoEdits = 8;

    private readonly string[] _terms;
    private readonly IReadOnlyDictionary<string, int> _frequency;

    /// <param name="targets">The words a typo may be corrected to.</param>
    /// <param name="frequency">How many pairs use each word, to prefer the commoner of two equally close words.</param>
    public SpellingCorrector(IEnumerable<string> targets, IReadOnlyDictionary<string, int> frequency)
    {
        _terms = [.. targets];
        _frequency = frequency;
    }

    /// <summary>The vocabulary term closest to <paramref name="term"/>, or null when none is close enough.</summary>
    public string? Correct(string term)
    {
        var maxEdits = term.Length >= MinLengthForTwoEdits ? 2 : term.Length >= MinLengthForOneEdit ? 1 : 0;
        if (maxEdits == 0)
        {
            return null;
        }

        string? best = null;
        var bestDistance = maxEdits + 1;
        var bestFrequency = 0;
        foreach (var candidate in _terms)
        {
            if (Math.Abs(candidate.Length - term.Length) > maxEdits || candidate.Length < MinLengthForOneEdit || candidate[0] != term[0])
            {
                continue;
            }

            var distance = EditDistance(term, candidate, bestDistance);
            var frequency = _frequency.GetValueOrDefault(candidate);

            // Among equally close words, the more common one is the likelier intent.
            if (distance < bestDistance || (distance == bestDistance && best is not null && frequency > bestFrequency))
            {
                best = candidate;
                bestDistance = distance;
                bestFrequency = frequency;
            }
        }

        return bestDistance <= maxEdits ? best : null;
    }

    /// <summary>Optimal string alignment distance (a swap of neighbours counts as one edit), giving up above <paramref name="limit"/>.</summary>
    internal static int EditDistance(string a, string b, int limit)
    {
        var previousPrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }

        return previous[b.Length];
    }
}
