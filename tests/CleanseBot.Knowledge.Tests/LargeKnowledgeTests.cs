using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// Knowledge much larger than the guide, where its common words are in more pairs than a search scores in full
/// (<see cref="Champions"/>): the pair that is about a question must still be found for it.
/// </summary>
public sealed class LargeKnowledgeTests
{
    private const int PairsMentioningPores = Champions.CommonTermPairs + 500;

    [Fact]
    public void Finds_the_pair_about_a_common_word_among_many_pairs_that_mention_it()
    {
        using var index = KnowledgeIndex.Build(KnowledgeWith(
            Pair(1, "How large is a pore?", "A pore is about a fiftieth of a millimetre across."),
            Pair(2, "Why do pores clog?", "Pores clog when oil and dead skin cells build up.")));

        Assert.Equal(1, index.Search("how big is a pore", 3).Best?.Pair.Id);
        Assert.Equal(2, index.Search("why are my pores clogged", 3).Best?.Pair.Id);
    }

    [Fact]
    public void Finds_a_pair_by_its_rare_word_when_the_question_also_has_common_ones()
    {
        using var index = KnowledgeIndex.Build(KnowledgeWith(
            Pair(1, "Does niacinamide shrink pores?", "Niacinamide can make pores look smaller over some weeks.")));

        Assert.Equal(1, index.Search("can niacinamide shrink my pores", 3).Best?.Pair.Id);
    }

    [Fact]
    public void Hands_back_thousands_of_candidates_when_asked_for_them()
    {
        using var index = KnowledgeIndex.Build(KnowledgeWith(
            Pair(1, "How large is a pore?", "A pore is about a fiftieth of a millimetre across.")));

        var result = index.Search("what treatment keeps pores calm", PairsMentioningPores + 1);

        Assert.True(result.Candidates.Count > KnowledgeIndex.MaxCandidatesOnStack, $"{result.Candidates.Count} candidates");
    }

    // The given pairs among many whose answers mention pores in passing.
    private static KnowledgeBase KnowledgeWith(params QnaPair[] pairs)
    {
        var all = new List<QnaPair>(pairs);
        for (var i = 0; i < PairsMentioningPores; i++)
        {
            all.Add(Pair(1000 + i, $"What is treatment {i}?", $"Treatment {i} is a routine that keeps pores and skin calm."));
        }

        return new KnowledgeBase(all);
    }

    private static QnaPair Pair(int id, string question, string answer) =>
        new(id, question, [], answer, [new QnaFilter(KnownFilters.Section, "Large knowledge")], [], new SourceLocation("large.qna", id));
}
