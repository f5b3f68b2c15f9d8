using CleanseBot.Answering;
using CleanseBot.Knowledge.Search;
using CleanseBot.Reranking;

namespace CleanseBot.Hosting;

/// <summary>
/// One version of the knowledge as served: its index, its re-ranker and what it was built from, with a count of who
/// holds it (the provider while it serves or during the grace period, and each lease), as Lucene counts the holders of
/// an IndexReader. At zero it is disposed, and cannot be leased again.
/// </summary>
internal sealed class ServedKnowledge(KnowledgeIndex index, string? fingerprint, SemanticReranker? reranker, Action<ServedKnowledge> disposed) : ILeasedKnowledge
{
    // The provider's own hold, released after the grace period once a reload replaces it.
    private int _holders = 1;
    private int _disposed;
    private volatile SemanticReranker? _reranker = reranker;

    public KnowledgeIndex Index { get; } = index;

    public Task<KnowledgeIndex> Ready { get; } = Task.FromResult(index);

    public string? Fingerprint { get; } = fingerprint;

    public SemanticReranker? Reranker
    {
        get => _reranker;
        set => _reranker = value;
    }

    public bool TryAcquire()
    {
        var holders = Volatile.Read(ref _holders);
        while (holders > 0)
        {
            var seen = Interlocked.CompareExchange(ref _holders, holders + 1, holders);
            if (seen == holders)
            {
                return true;
            }

            holders = seen;
        }

        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            DisposeNow();
            disposed(this);
        }
    }

    /// <summary>Disposes the index and re-ranker once, now or when the last holder lets go, whichever comes first (shutdown).</summary>
    public void DisposeNow()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Index.Dispose();
        _reranker?.Dispose();
    }
}
