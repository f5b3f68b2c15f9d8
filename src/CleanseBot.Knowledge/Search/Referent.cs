using System.Text.RegularExpressions;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// What the asking sentence of a long message is about when it names it only by a pronoun ("How does it work?", "Are
/// they any good?"): the sentence before it, which named it ("A clinic near me has a discount on microdermabrasion this
/// month"). The asking sentence's own words are then mostly question words and stop words, and emphasising them alone
/// leaves the topic one word among the scene's many ("my cheeks look rough and my pores are really noticeable"). So
/// too in a message of one sentence, whose asking part ("deep pore cleansing, is that a particular technique") points
/// back at the part before it.
/// </summary>
internal static partial class Referent
{
    /// <summary>The sentence (or, in a message of one sentence, the part) before <paramref name="asking"/> when its subject is a pronoun; otherwise null.</summary>
    public static string? Of(AskingPart asking) =>
        PronounSubject().IsMatch(asking.Text) && !Placeholder().IsMatch(asking.Text) ? asking.Before : null;

    // A question that opens with a question word or verb and then a pronoun, its subject: "how does it", "what do
    // they", "is it", "will it". Not "will they" or "can they": with what someone will or can do, "they" are the
    // people giving the treatment ("will they squeeze my blackheads"), and the question names its own topic.
    [GeneratedRegex(@"^\s*" + QuestionWords.Fillers + @"(?:(?:what|how|why|where|when|which)\s+)?(?:(?:is|are|was|does|do|did|has|have)\s+(?:it|they|that|this|these|those)|(?:can|could|should|would|will)\s+(?:it|that|this|these|those))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PronounSubject();

    // "Is it a problem that ...", "is it ok to ...": the "it" stands for what follows, not for something named before.
    [GeneratedRegex(@"^\s*" + QuestionWords.Fillers + @"is\s+it\s+(?:\w+\s+){1,3}?(?:to|that|if)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
