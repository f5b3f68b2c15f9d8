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

    [Theory]
    [InlineData("my face is already clean, what is a toner for", "what is a toner for")]
    [InlineData("wats a toner do, my face is already clean", "wats a toner do")]
    [InlineData("i have oily skin and a clay mask; how often should i use it, it dries me out", "how often should i use it")]
    public void Is_the_part_that_opens_as_a_question_in_a_sentence_of_several_parts(string message, string asking) =>
        Assert.Equal(asking, AskingSentence.Of(message));

    [Theory]
    [InlineData("dry cheeks, an oily nose and big pores")]
    [InlineData("is an astringent the same as a toner, what do they do")]
    public void Is_none_when_no_part_or_every_part_opens_as_a_question(string message) => Assert.Null(AskingSentence.Of(message));

    [Fact]
    public void Is_a_sentence_with_the_one_before_it_in_a_message_of_several() =>
        Assert.Equal(new AskingPart("What is a toner?", "My skin is dry.", IsSentence: true), AskingSentence.Find("My skin is dry. What is a toner? I never used one."));

    [Fact]
    public void Is_no_sentence_in_a_message_of_one_sentence_however_many_parts() =>
        Assert.Equal(new AskingPart("what is a toner for", "my face is already clean", IsSentence: false), AskingSentence.Find("my face is already clean, what is a toner for"));
}
