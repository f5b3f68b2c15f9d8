using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

public sealed class CommonWordsTests
{
    private static readonly CommonWords Common = CommonWords.Load();

    // As search reads them ("exposur" is exposure), and numbers.
    [Theory]
    [InlineData("fast")]
    [InlineData("month")]
    [InlineData("hidden")]
    [InlineData("exposur")]
    [InlineData("leg")]
    [InlineData("25")]
    [InlineData("1990")]
    public void Holds_the_words_everybody_uses(string term) => Assert.True(Common.Contains(term), term);

    // What people ask about that the guide does not cover is named in rarer words.
    [Theory]
    [InlineData("botox")]
    [InlineData("tattoo")]
    [InlineData("dandruff")]
    [InlineData("eczema")]
    [InlineData("minoxidil")]
    public void Leaves_out_rare_words(string term) => Assert.False(Common.Contains(term), term);

    [Fact]
    public void Holds_thousands_of_terms() => Assert.InRange(Common.Count, 3000, 10000);
}
