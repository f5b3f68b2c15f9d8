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
    public static string? Of(string text)
    {
        var sentences = Sentences(text);
        return sentences.Length < 2 ? AskingPart(sentences[0]) : Asking(sentences);
    }

    /// <summary>The asking sentence of <paramref name="text"/>, or null when it is one sentence (its asking part is not a sentence).</summary>
    public static string? SentenceOf(string text)
    {
        var sentences = Sentences(text);
        return sentences.Length < 2 ? null : Asking(sentences);
    }

    /// <summary>The sentences of <paramref name="text"/>, in order.</summary>
    public static string[] Sentences(string text) => SentenceEnd().Split(text.Trim());

    /// <summary>The parts of <paramref name="sentence"/> that commas or semicolons join, in order.</summary>
    public static string[] Parts(string sentence) => PartEnd().Split(sentence);

    private static string Asking(string[] sentences)
    {
        var asking = Array.FindLastIndex(sentences, static sentence => sentence.Contains('?', StringComparison.Ordinal));
        return sentences[asking < 0 ? sentences.Length - 1 : asking];
    }

    // A part that opens with a question word asks; the others ("my face is already clean") set the scene. When no
    // part, or every part, opens as a question, none stands out.
    private static string? AskingPart(string sentence)
    {
        var parts = Parts(sentence);
        if (parts.Length < 2)
        {
            return null;
        }

        var asking = Array.FindLastIndex(parts, static part => QuestionOpening().IsMatch(part));
        return asking < 0 || Array.TrueForAll(parts, static part => QuestionOpening().IsMatch(part)) ? null : parts[asking];
    }

    // A full stop, question or exclamation mark followed by a space ends a sentence; "1.5" or "e.g." inside a word does not.
    [GeneratedRegex(@"(?<=[.?!])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s*[,;]\s+", RegexOptions.CultureInvariant)]
    private static partial Regex PartEnd();

    // A question word or the verb of a yes-or-no question, after any filler ("so what is it"), or "any" ("any tips?").
    [GeneratedRegex(@"^\s*" + QuestionWords.Fillers + "(?:" + QuestionWords.Why + "|how|" + QuestionWords.What + "|" + QuestionWords.Other + "|" + QuestionWords.YesNoVerbs + @"|any)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionOpening();
}
