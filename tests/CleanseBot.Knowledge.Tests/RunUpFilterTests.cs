using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>"In the run-up to my facial" and "leading up to it" say "before", the word of the preparation pairs.</summary>
public sealed class RunUpFilterTests
{
    [Theory]
    [InlineData("in the run up to my facial")]
    [InlineData("in the run-up to my facial")]
    [InlineData("in the lead-up to my facial")]
    [InlineData("the days leading up to my facial")]
    [InlineData("running up to my facial")]
    public void Reads_the_run_up_to_something_as_before(string message)
    {
        using var analyzer = new KnowledgeAnalyzer();

        Assert.Contains("befor", analyzer.Terms(message));
        Assert.DoesNotContain("run", analyzer.Terms(message));
        Assert.DoesNotContain("lead", analyzer.Terms(message));
    }

    [Theory]
    [InlineData("does my nose run after steaming", new[] { "nose", "run", "after", "steam" })]
    [InlineData("what should lead me to see a dermatologist", new[] { "lead", "see", "dermatologist" })]
    public void Leaves_run_and_lead_alone_elsewhere(string message, string[] terms)
    {
        using var analyzer = new KnowledgeAnalyzer();

        Assert.Equal(terms, analyzer.Terms(message));
    }
}
