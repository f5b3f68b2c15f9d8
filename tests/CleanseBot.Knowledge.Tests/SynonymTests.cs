using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// What a synonym group in <c>synonyms.txt</c> lets a visitor's word find, on a small knowledge of its own: a word
/// finds the pairs that use another word of its group, and a multi-word entry means its words only together.
/// </summary>
public sealed class SynonymTests
{
    private const string Synonyms = """
        acne, zit
        face wash, cleanser
        enlarged pore, big pore
        """;

    private static readonly KnowledgeBase Knowledge = new(
        [
            Pair(1, "How do I choose a cleanser?", "Pick a gentle cleanser."),
            Pair(2, "Is washing your face twice a day too much?", "Twice a day is enough for most skin."),
            Pair(3, "What causes acne?", "Clogged pores."),
            Pair(4, "Can enlarged pores shrink?", "They can look smaller."),
            Pair(5, "Do pores open and close?", "No, they have no muscles."),
        ],
        new SynonymSource("synonyms.txt", Synonyms));

    [Fact]
    public void A_word_finds_the_pairs_that_use_another_word_of_its_group()
    {
        using var index = KnowledgeIndex.Build(Knowledge);

        Assert.Equal(3, index.Search("I have a zit", 3).Best?.Pair.Id);
    }

    [Theory]
    [InlineData("which face wash should I buy", 1)]
    [InlineData("my big pores", 4)]
    public void A_multi_word_entry_finds_the_pairs_that_use_another_entry_of_its_group(string message, int expectedId)
    {
        using var index = KnowledgeIndex.Build(Knowledge);

        Assert.Contains(index.Search(message, 5).Candidates, candidate => candidate.Pair.Id == expectedId);
    }

    [Fact]
    public void The_words_of_a_multi_word_entry_apart_do_not_find_the_pairs_of_its_group()
    {
        using var index = KnowledgeIndex.Build(Knowledge);

        // "wash your face" is not "face wash": the cleanser pair holds neither word.
        var result = index.Search("should I wash my face in the morning", 5);

        Assert.Equal(2, result.Best?.Pair.Id);
        Assert.DoesNotContain(result.Candidates, candidate => candidate.Pair.Id == 1);
    }

    [Fact]
    public void One_word_of_a_multi_word_entry_still_finds_the_pairs_that_use_it()
    {
        using var index = KnowledgeIndex.Build(Knowledge);

        // "big pores" holds "pores", which pair 5 uses on its own.
        Assert.Contains(index.Search("my big pores", 5).Candidates, candidate => candidate.Pair.Id == 5);
    }

    [Fact]
    public void An_entry_of_more_words_than_a_message_is_checked_for_is_reported_at_its_line()
    {
        var knowledge = new KnowledgeBase(Knowledge.Pairs, new SynonymSource("synonyms.txt", "acne, zit\nbig pore, very large open skin pore\n"));

        var error = Assert.Throws<Parsing.KnowledgeFormatException>(() => KnowledgeIndex.Build(knowledge).Dispose());

        Assert.Equal(2, error.Line);
    }

    private static QnaPair Pair(int id, string question, string answer) =>
        new(id, question, [], answer, [new QnaFilter(KnownFilters.Section, "Test")], [], new SourceLocation("test.qna", id));
}
