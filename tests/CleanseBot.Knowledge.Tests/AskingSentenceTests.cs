using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

public sealed class AskingSentenceTests
{
    [Theory]
    [InlineData("My facial is on Friday. I'm nervous. Will they squeeze my blackheads?", "Will they squeeze my blackheads?")]
    [InlineData("Is steam good? I read about it online. My skin is oily.", "Is steam good?")]
    [InlineData("What is a toner? And which one is best? My skin is dry.", "And which one is best?")]
    public void Is_the_last_sentence_with_a_question_mark(string message, string asking) =>
        Assert.Equal(asking, AskingSentence.Of(message));

    [Fact]
    public void Is_the_last_sentence_when_none_has_a_question_mark() =>
        Assert.Equal("how often should i do it", AskingSentence.Of("i have oily skin. i use a clay mask. how often should i do it"));

    [Theory]
    [InlineData("how often should I deep cleanse?")]
    [InlineData("is 1.5% salicylic acid enough for my pores")]
    [InlineData("   what is a toner?   ")]
    public void Is_none_in_a_message_of_one_sentence(string message) => Assert.Null(AskingSentence.Of(message));
}
