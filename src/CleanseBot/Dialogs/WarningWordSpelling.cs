using System.Text;
using CleanseBot.Knowledge.Search;

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

    // From the list, so a word added to it is never skipped for its length.
    private static readonly int ShortestWord = Words.Min(static word => word.Length);
    private static readonly int LongestWord = Words.Max(static word => word.Length);

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

        Span<char> lower = stackalloc char[typed.Length];
        typed.ToLowerInvariant(lower);
        foreach (var word in Words)
        {
            var allowed = word.Length >= 9 ? 2 : 1;
            if (lower[0] != word[0] || Math.Abs(lower.Length - word.Length) > allowed)
            {
                continue;
            }

            var distance = EditDistance.Between(lower, word, allowed);
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
}
