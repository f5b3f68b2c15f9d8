using System.Text.RegularExpressions;

namespace CleanseBot.Knowledge.Search;

/// <summary>What kind of question a message or a knowledge question asks, from the words the analysis drops as stop words.</summary>
internal enum Shape
{
    /// <summary>A statement or a fragment ("pores", "toner for dry skin").</summary>
    None,

    /// <summary>"What is a pore", "which toner": what something is, or which one.</summary>
    What,

    /// <summary>"Why do we have pores", "what are pores for", "what do toners do": the reason for or the job of something.</summary>
    Why,

    /// <summary>"How do I choose a cleanser", "how deep do pores go".</summary>
    How,

    /// <summary>"Is a pore a hole", "can I do it myself".</summary>
    YesNo,
}

/// <summary>
/// The shape of a question. Stop words leave "what is a pore", "what are pores for" and "why do we have pores" all
/// as the one term "pore", though the first asks what a pore is and the others what it is for: the question words,
/// read here, are what tells them apart. A message's shape is read from the sentence or part that asks
/// (<see cref="AskingSentence"/>).
/// </summary>
internal static partial class QuestionShape
{
    /// <summary>The shape of <paramref name="text"/>, read from the sentence or part that asks.</summary>
    public static Shape Of(string text) => OfAsking(AskingSentence.Of(text) ?? text);

    /// <summary>The shape of a message whose asking sentence or part (<see cref="AskingSentence"/>), or whole text when it has none, is <paramref name="asking"/>.</summary>
    public static Shape OfAsking(string asking)
    {
        // "Is there any point in a toner" asks what it is for, however it opens.
        if (Point().IsMatch(asking))
        {
            return Shape.Why;
        }

        var opening = Opening().Match(asking);
        if (opening.Success)
        {
            return opening.Groups["why"].Success ? Shape.Why
                : opening.Groups["how"].Success ? Shape.How
                : opening.Groups["what"].Success ? WhatOrWhy(asking, opening.Groups["what"].Index)
                : Shape.YesNo;
        }

        // "I know pores get clogged but what are they for": a question word later in the sentence.
        var inside = Inside().Match(asking);
        return !inside.Success ? Shape.None
            : inside.Groups["why"].Success ? Shape.Why
            : inside.Groups["how"].Success ? Shape.How
            : WhatOrWhy(asking, inside.Index);
    }

    // "What ... for" at the end, "what does it do", "what good is it": the job of something, as "why" asks it.
    private static Shape WhatOrWhy(string question, int start) =>
        Purpose().IsMatch(question, start) || PurposeAtEnd().IsMatch(question) ? Shape.Why : Shape.What;

    [GeneratedRegex(@"^\s*" + QuestionWords.Fillers + "(?:(?<why>" + QuestionWords.Why + ")|(?<how>how)|(?<what>" + QuestionWords.What + ")|" + QuestionWords.YesNoVerbs + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Opening();

    [GeneratedRegex(@"\b(?:(?<why>why)|(?<how>how)|" + QuestionWords.What + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Inside();

    [GeneratedRegex(@"\b(?:point|purpose)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Point();

    // From the question word on: "what good", "what use", "what do pores do".
    [GeneratedRegex(@"\G\w+\s+(?:(?:good|use)\b|(?:do|does|did|dose)\b(?:\s+\w+){1,4}\s+do\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Purpose();

    [GeneratedRegex(@"\bfor\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PurposeAtEnd();
}
