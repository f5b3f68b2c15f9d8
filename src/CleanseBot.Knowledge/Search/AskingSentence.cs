using System.Text.RegularExpressions;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// The sentence that asks, in a message of several ("I already wash twice a day and use a toner. Are there any extra
/// treatments I could add?"): the last one with a question mark, or else the last one. The sentences before it set
/// the scene, and their words ("wash", "toner") can outweigh the few words of what is asked ("treatments") however
/// little the pairs they find answer it. In a message of one sentence whose parts are joined by commas ("my face is
/// already clean, what is a toner for"), the part that asks is the last that opens as a question does.
/// </summary>
internal static partial class AskingSentence
{
    /// <summary>The asking sentence or part of <paramref name="text"/>, or null when it has no separate one.</summary>
    public static string? Of(string text) => Find(text)?.Text;

    /// <summary>The asking sentence or part of <paramref name="text"/> with the one before it, or null when it has no separate one.</summary>
    public static AskingPart? Find(string text)
    {
        var sentences = SentenceEnd().Split(text.Trim());
        if (sentences.Length >= 2)
        {
            var asking = Array.FindLastIndex(sentences, static sentence => sentence.Contains('?', StringComparison.Ordinal));
            return At(sentences, asking < 0 ? sentences.Length - 1 : asking, isSentence: true);
        }

        // A part that opens with a question word asks; the others ("my face is already clean") set the scene. When no
        // part, or every part, opens as a question, none stands out.
        var parts = PartEnd().Split(sentences[0]);
        if (parts.Length < 2)
        {
            return null;
        }

        var askingPart = Array.FindLastIndex(parts, static part => QuestionOpening().IsMatch(part));
        return askingPart < 0 || Array.TrueForAll(parts, static part => QuestionOpening().IsMatch(part))
            ? null
            : At(parts, askingPart, isSentence: false);
    }

    private static AskingPart At(string[] pieces, int at, bool isSentence) =>
        new(pieces[at], at > 0 ? pieces[at - 1] : null, isSentence);

    // A full stop, question or exclamation mark followed by a space ends a sentence; "1.5" or "e.g." inside a word does not.
    [GeneratedRegex(@"(?<=[.?!])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s*[,;]\s+", RegexOptions.CultureInvariant)]
    private static partial Regex PartEnd();

    // A question word or the verb of a yes-or-no question, after any filler ("so what is it"), or "any" ("any tips?").
    [GeneratedRegex(@"^\s*" + QuestionWords.Fillers + "(?:" + QuestionWords.Why + "|how|" + QuestionWords.What + "|" + QuestionWords.Other + "|" + QuestionWords.YesNoVerbs + @"|any)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionOpening();
}

/// <summary>The sentence or part of a message that asks.</summary>
/// <param name="Text">What it says.</param>
/// <param name="Before">The sentence or part before it, or null when it comes first.</param>
/// <param name="IsSentence">Whether it is a sentence of a message of several, rather than a part of a message of one sentence.</param>
internal sealed record AskingPart(string Text, string? Before, bool IsSentence);
