using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// An index can do its first search before a visitor's first message, and that search leaves the spelling
/// corrector's dictionary for later: the service builds it once the first message is answered.
/// </summary>
public sealed class WarmUpTests
{
    [Fact]
    public async Task Warming_up_searches_without_building_the_spelling_corrector()
    {
        using var index = KnowledgeIndex.Build(await KnowledgeBase.LoadAsync(KnowledgeFixture.Folder, CancellationToken.None));

        index.WarmUp();

        Assert.False(index.SpellingPrepared);
    }

    [Fact]
    public async Task A_misspelled_message_builds_the_spelling_corrector_when_it_was_not_prepared()
    {
        using var index = KnowledgeIndex.Build(await KnowledgeBase.LoadAsync(KnowledgeFixture.Folder, CancellationToken.None));
        index.WarmUp();

        var result = index.Search("how ofen should i steem my face", 3);

        Assert.True(index.SpellingPrepared);
        Assert.NotNull(result.Best);
    }

    [Fact]
    public void Warming_up_an_index_of_no_knowledge_neither_fails_nor_builds_the_spelling_corrector()
    {
        using var index = KnowledgeIndex.Build(new KnowledgeBase(Array.Empty<QnaPair>()));

        index.WarmUp();

        Assert.False(index.SpellingPrepared);
    }
}
