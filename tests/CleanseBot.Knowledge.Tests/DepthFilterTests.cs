using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>"Deep" is the treatment in "deep pore cleansing" and a measure in "how deep does a pore go".</summary>
public sealed class DepthFilterTests
{
    [Theory]
    [InlineData("what is deep pore cleansing")]
    [InlineData("I want a deep clean")]
    [InlineData("facials offer a deeper cleanse")]
    [InlineData("is a deep facial worth it")]
    [InlineData("deep")]
    public void Keeps_the_deep_of_the_treatment(string message)
    {
        using var analyzer = new KnowledgeAnalyzer();

        Assert.Contains("deep", analyzer.Terms(message));
        Assert.DoesNotContain("depth", analyzer.Terms(message));
    }

    [Theory]
    [InlineData("how deep do pores go", new[] { "depth", "pore" })]
    [InlineData("how deep into the skin does a pore go", new[] { "depth", "skin", "pore" })]
    [InlineData("the deeper layer of the skin", new[] { "depth", "layer", "skin" })]
    [InlineData("deep blackheads on my nose", new[] { "depth", "blackhead", "nose" })]
    [InlineData("the depth of a pore", new[] { "depth", "pore" })]
    public void Reads_a_measure_as_depth(string message, string[] terms)
    {
        using var analyzer = new KnowledgeAnalyzer();

        Assert.Equal(terms, analyzer.Terms(message));
    }

    [Fact]
    public void Reads_each_deep_by_the_word_after_it()
    {
        using var analyzer = new KnowledgeAnalyzer();

        Assert.Equal(["depth", "deep", "pore"], analyzer.Terms("deep deep pores"));
    }
}
