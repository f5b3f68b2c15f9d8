namespace CleanseBot.Knowledge.Search;

/// <summary>How many slips of typing lie between two words: the search's spelling corrector and the service's warning words both ask.</summary>
public static class EditDistance
{
    /// <summary>
    /// Optimal string alignment distance between <paramref name="a"/> and <paramref name="b"/> (insertions, deletions,
    /// substitutions, and a swap of neighbours as one edit), compared as they are; anything over
    /// <paramref name="limit"/> may come back as <paramref name="limit"/> + 1, so a hopeless pair stops early.
    /// </summary>
    public static int Between(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        Span<int> rows = stackalloc int[3 * (b.Length + 1)];
        var previousPrevious = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows[(2 * (b.Length + 1))..];
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

            var recycled = previousPrevious;
            previousPrevious = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }
}
