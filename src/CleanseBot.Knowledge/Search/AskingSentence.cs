using System.Text.RegularExpressions;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// The sentence that asks, in a message of several ("I already wash twice a day and use a toner. Are there any extra
/// treatments I could add?"): the last one with a question mark, or else the last one. The sentences before it set
/// the scene, and their words ("wash", "toner") can outweigh the few words of what is asked ("treatments") however
/// little the pairs they find answer it.
/// </summary>
internal static partial class AskingSentence
{
    /// <summary>The asking sentence of <paramref name="text"/>, or null when it is a single sentence.</summary>
    public static string? Of(string text)
    {
        var sentences = SentenceEnd().Split(text.Trim());
        if (sentences.Length < 2)
        {
            return null;
        }

        var asking = Array.FindLastIndex(sentences, static sentence => sentence.Contains('?', StringComparison.Ordinal));
        return sentences[asking < 0 ? sentences.Length - 1 : asking];
    }

    // A full stop, question or exclamation mark followed by a space ends a sentence; "1.5" or "e.g." inside a word does not.
    [GeneratedRegex(@"(?<=[.?!])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
