using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

public sealed class ReferentTests
{
    [Theory]
    [InlineData("My skin is dull. My friend loves glycolic peels. How do they work?", "How do they work?", "My friend loves glycolic peels.")]
    [InlineData("I have big pores. The spa sells a clay mask. Is it any good?", "Is it any good?", "The spa sells a clay mask.")]
    [InlineData("My nose is oily. A blogger recommends witch hazel. So does that actually help?", "So does that actually help?", "A blogger recommends witch hazel.")]
    [InlineData("my nose is oily, a blogger recommends witch hazel, does it actually help", "does it actually help", "a blogger recommends witch hazel")]
    public void Is_the_sentence_before_a_question_whose_subject_is_a_pronoun(string message, string asking, string referent)
    {
        var found = AskingSentence.Find(message);

        Assert.Equal(asking, found?.Text);
        Assert.Equal(referent, Referent.Of(found!));
    }

    [Theory]
    [InlineData("My skin is dull. My friend loves glycolic peels. Should I try one?", "Should I try one?")]
    [InlineData("My facial is on Monday. Is it okay to wear makeup there?", "Is it okay to wear makeup there?")]
    [InlineData("I scrub every night. Is it a problem that my face stings?", "Is it a problem that my face stings?")]
    [InlineData("How does it work?", "How does it work?")]
    [InlineData("I booked a facial. Will they pop my spots?", "Will they pop my spots?")]
    public void Is_none_when_the_question_names_its_own_subject_or_the_it_stands_for_what_follows(string message, string asking) =>
        Assert.Null(Referent.Of(AskingSentence.Find(message) ?? new AskingPart(asking, Before: null, IsSentence: false)));
}
