using CleanseBot.Hosting;
using CleanseBot.Knowledge.Search;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.LiveKnowledge;

/// <summary>
/// A turn searches one version of the knowledge from start to end: an index a reload replaces stays open while a
/// turn holds it, and is disposed once the last such turn ends, not before and not never.
/// </summary>
public sealed class IndexLeaseTests
{
    private const string Question = "how often should i steam my face";

    [Fact]
    public async Task A_replaced_index_stays_open_until_the_turn_that_leased_it_ends()
    {
        using var provider = new KnowledgeIndexProvider(unleasedGrace: TimeSpan.Zero);
        var old = KnowledgeIndex.Build(RealBot.Knowledge);
        var next = KnowledgeIndex.Build(RealBot.Knowledge);
        provider.Publish(old, "old", reranker: null);
        var turn = await provider.LeaseAsync(CancellationToken.None);

        provider.Publish(next, "new", reranker: null);
        await Task.Delay(100);

        Assert.Same(old, turn.Index);
        Assert.NotNull(old.Search(Question, 3).Best);
        Assert.Same(next, provider.Current);
        Assert.Equal("new", provider.Fingerprint);
        using (var nextTurn = await provider.LeaseAsync(CancellationToken.None))
        {
            Assert.Same(next, nextTurn.Index);
        }

        turn.Dispose();

        Assert.ThrowsAny<ObjectDisposedException>(() => old.Search(Question, 3));
        Assert.NotNull(next.Search(Question, 3).Best);
    }

    [Fact]
    public async Task A_replaced_index_no_turn_holds_is_disposed_after_the_grace_period()
    {
        using var provider = new KnowledgeIndexProvider(unleasedGrace: TimeSpan.FromSeconds(1));
        var old = KnowledgeIndex.Build(RealBot.Knowledge);
        var next = KnowledgeIndex.Build(RealBot.Knowledge);
        old.WarmUp();
        provider.Publish(old, "old", reranker: null);
        var gotWithoutLease = await provider.GetAsync(CancellationToken.None);

        provider.Publish(next, "new", reranker: null);

        Assert.NotNull(gotWithoutLease.Search(Question, 3).Best);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!IsDisposed(old))
        {
            Assert.True(DateTime.UtcNow < deadline, "The replaced index was never disposed.");
            await Task.Delay(20);
        }
    }

    private static bool IsDisposed(KnowledgeIndex index)
    {
        try
        {
            index.Search(Question, 3);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}
