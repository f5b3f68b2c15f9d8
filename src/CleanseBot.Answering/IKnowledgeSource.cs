using CleanseBot.Knowledge.Search;
using CleanseBot.Reranking;

namespace CleanseBot.Answering;

/// <summary>
/// What the answering policy reads the knowledge through. The host builds the index in the background and may swap
/// in a new one when the knowledge changes; a turn leases the one serving when it starts and searches it to the end.
/// </summary>
public interface IKnowledgeSource
{
    /// <summary>The index serving now, kept open until the lease is disposed even if a reload replaces it; waits for the first.</summary>
    ValueTask<KnowledgeLease> LeaseAsync(CancellationToken cancellationToken);

    /// <summary>The semantic re-ranker loaded with <paramref name="index"/>'s knowledge; null when it is off or not ready.</summary>
    SemanticReranker? RerankerFor(KnowledgeIndex index);
}

/// <summary>One version of the knowledge as a source serves it, which a lease holds open.</summary>
public interface ILeasedKnowledge
{
    KnowledgeIndex Index { get; }

    /// <summary>Lets go of one hold; the last one closes the index.</summary>
    void Release();
}

/// <summary>One turn's hold on the index it searches (<see cref="IKnowledgeSource.LeaseAsync"/>): the index is not disposed before the lease is.</summary>
public readonly struct KnowledgeLease(ILeasedKnowledge held) : IDisposable
{
    public KnowledgeIndex Index => held.Index;

    public void Dispose() => held?.Release();
}
