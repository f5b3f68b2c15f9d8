using System.Text;

namespace CleanseBot.Dialogs;

/// <summary>
/// Reads a message's misspelled long warning words as the words meant ("isotretinon", "acutane", "pregant",
/// "breastfeading"), so that <see cref="RedFlags"/> need spell out only the right forms. A worried visitor types
/// fast, and a drug's name is hard to spell; a missed warning costs far more than a needless referral.
/// </summary>
/// <remarks>
/// Only long, rare words are read this way, one slip away (two for words of nine letters or more), with the first
/// letter right: no everyday word lies that close to them. A short warning word does have everyday neighbours
/// ("fever" is one letter from "never" and "fewer"), so the patterns list its few common slips themselves.
/// </remarks>
internal static class WarningWordSpelling
{
    private static readonly string[] Words =
    [
        "isotretinoin", "accutane", "roaccutane", "absorica",
        "pregnant", "pregnancy",
        "breastfeeding", "breastfeed",
        "melanoma",
        "anaphylaxis", "anaphylactic",
    ];

    private const int ShortestWord = 8;
    private const int LongestWord = 13;

    /// <summary><paramref name="text"/> with each misspelled warning word replaced by the word meant; the same string when there is none.</summary>
    public static string Correct(string text)
    {
        StringBuilder? corrected = null;
        var copiedUpTo = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0 && Meant(text.AsSpan(start, i - start)) is { } word)
            {
                corrected ??= new StringBuilder(text.Length + 8);
                corrected.Append(text, copiedUpTo, start - copiedUpTo).Append(word);
                copiedUpTo = i;
            }

            start = -1;
        }

        return corrected is null ? text : corrected.Append(text, copiedUpTo, text.Length - copiedUpTo).ToString();
    }

    // The warning word a typed word is a slip of, or null when it is one already or none.
    private static string? Meant(ReadOnlySpan<char> typed)
    {
        if (typed.Length < ShortestWord - 1 || typed.Length > LongestWord + 2)
        {
            return null;
        }

        foreach (var word in Words)
        {
            var allowed = word.Length >= 9 ? 2 : 1;
            if (char.ToLowerInvariant(typed[0]) != word[0] || Math.Abs(typed.Length - word.Length) > allowed)
            {
                continue;
            }

            var distance = Distance(typed, word, allowed);
            if (distance == 0)
            {
                return null;
            }

            if (distance <= allowed)
            {
                return word;
            }
        }

        return null;
    }

    // Edits (insertions, deletions, substitutions, and swaps of neighbouring letters) from one to the other, ignoring
    // case; anything over the limit counts as limit + 1, so a hopeless pair stops early.
    private static int Distance(ReadOnlySpan<char> typed, string word, int limit)
    {
        Span<int> beforeLast = stackalloc int[word.Length + 1];
        Span<int> last = stackalloc int[word.Length + 1];
        Span<int> current = stackalloc int[word.Length + 1];
        for (var j = 0; j <= word.Length; j++)
        {
            last[j] = j;
        }

        for (var i = 1; i <= typed.Length; i++)
        {
            current[0] = i;
            var rowBest = i;
            var typedLetter = char.ToLowerInvariant(typed[i - 1]);
            for (var j = 1; j <= word.Length; j++)
            {
                var cost = typedLetter == word[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(last[j] + 1, current[j - 1] + 1), last[j - 1] + cost);
                if (i > 1 && j > 1 && typedLetter == word[j - 2] && char.ToLowerInvariant(typed[i - 2]) == word[j - 1])
                {
                    best = Math.Min(best, beforeLast[j - 2] + 1);
                }

                current[j] = best;
                rowBest = Math.Min(rowBest, best);
            }

            if (rowBest > limit)
            {
                return limit + 1;
            }

            var spare = beforeLast;
            beforeLast = last;
            last = current;
            current = spare;
        }

        return Math.Min(last[word.Length], limit + 1);
    }
}
