using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

public sealed class QuestionShapeTests
{
    [Theory]
    [InlineData("what is a toner")]
    [InlineData("whats an astringent exactly")]
    [InlineData("which serum should I buy")]
    [InlineData("so what kind of cleanser then")]
    public void Asks_what_something_is_or_which_one(string question) => Assert.Equal(Shape.What, QuestionShape.Of(question));

    [Theory]
    [InlineData("why would I use a toner")]
    [InlineData("what are toners for?")]
    [InlineData("what does a toner even do")]
    [InlineData("what good is an astringent")]
    [InlineData("what's the point of a serum")]
    [InlineData("how come my nose is so oily")]
    [InlineData("is there any point in an astringent")]
    [InlineData("purpose of a serum?")]
    public void Asks_why_or_what_something_is_for(string question) => Assert.Equal(Shape.Why, QuestionShape.Of(question));

    [Theory]
    [InlineData("how do I pick a serum")]
    [InlineData("ok how often should I exfoliate")]
    public void Asks_how(string question) => Assert.Equal(Shape.How, QuestionShape.Of(question));

    [Theory]
    [InlineData("is a toner necessary")]
    [InlineData("can I skip the serum")]
    [InlineData("should i say what i want from the facial")]
    public void Asks_yes_or_no(string question) => Assert.Equal(Shape.YesNo, QuestionShape.Of(question));

    [Theory]
    [InlineData("toner for dry skin")]
    [InlineData("pores")]
    [InlineData("my face feels tight after washing")]
    public void Asks_nothing_in_a_fragment_or_a_statement(string text) => Assert.Equal(Shape.None, QuestionShape.Of(text));

    [Theory]
    [InlineData("I keep reading about toners but what are they for", "Why")]
    [InlineData("my skin is oily, which toner suits it", "What")]
    [InlineData("My skin is dry. I use a cream. Why is my nose still shiny?", "Why")]
    public void Is_read_from_the_part_that_asks(string message, string shape) => Assert.Equal(shape, QuestionShape.Of(message).ToString());
}
