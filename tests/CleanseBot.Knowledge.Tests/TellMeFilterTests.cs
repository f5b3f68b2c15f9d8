using CleanseBot.Knowledge.Search;
using Lucene.Net.Analysis.TokenAttributes;

namespace CleanseBot.Knowledge.Tests;

/// <summary>"tell" asks the bot in "tell me about toners", and is what the visitor asks about in "should I tell the facialist".</summary>
public sealed class TellMeFilterTests
{
    [Theory]
    [InlineData("can you tell me about toners")]
    [InlineData("Tell me more about toners")]
    [InlineData("please tell us about toners")]
    public void Drops_tell_where_it_asks_the_bot(string message)
    {
        using var analyzer = new KnowledgeAnalyzer();

        Assert.Equal(["toner"], analyzer.Terms(message));
    }

    [Theory]
    [InlineData("should I tell the facialist about my allergies", new[] { "tell", "facialist", "allergi" })]
    [InlineData("do I tell them what I want", new[] { "tell" })]
    [InlineData("how can you tell", new[] { "tell" })]
    public void Keeps_tell_where_it_is_what_the_visitor_asks_about(string message, string[] terms)
    {
        using var analyzer = new KnowledgeAnalyzer();

        Assert.Equal(terms, analyzer.Terms(message));
    }

    // Phrases are matched by position: the words after "tell me" stay where they were, as after any stop word.
    [Fact]
    public void Keeps_the_positions_of_the_words_after_a_dropped_tell()
    {
        using var analyzer = new KnowledgeAnalyzer();

        Assert.Equal([("larg", 2), ("pore", 3)], Positions(analyzer, "tell me large pores"));
        Assert.Equal([("tell", 0), ("larg", 2), ("pore", 3)], Positions(analyzer, "tell them large pores"));
    }

    private static List<(string Term, int Position)> Positions(KnowledgeAnalyzer analyzer, string text)
    {
        var positions = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            positions.Add((term.ToString(), position));
        }

        stream.End();
        return positions;
    }
}
