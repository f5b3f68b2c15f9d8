using CleanseBot.Answering;
using CleanseBot.Knowledge.Search;
using CleanseBot.Reranking;

namespace CleanseBot.Hosting;

/// <summary>
/// Hands out the knowledge index once it is built, and its successor once a reload has built one. The index is
/// built in the background so the web server starts listening at once; a message that arrives meanwhile waits for it
/// rather than failing. A replaced index is disposed only when nothing uses it any more: the turns that leased it
/// (<see cref="LeaseAsync"/>) have all finished, and a grace period has passed for callers of <see cref="Current"/>
/// and <see cref="GetAsync"/>, who hold no lease.
/// </summary>
public sealed class KnowledgeIndexProvider : IKnowledgeSource, IDisposable
{
    // Far longer than a turn takes to search (milliseconds); only a caller that keeps an index it got without a lease
    // for longer than this could meet a closed one.
    private static readonly TimeSpan DefaultUnleasedGrace = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource<KnowledgeIndex> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _unleasedGrace;

    // Replaced indexes not yet disposed: a turn that leased one still finds its re-ranker (RerankerFor).
    private readonly HashSet<ServedKnowledge> _retired = [];
    private volatile ServedKnowledge? _served;
    private bool _disposed;

    public KnowledgeIndexProvider()
        : this(DefaultUnleasedGrace)
    {
    }

    internal KnowledgeIndexProvider(TimeSpan unleasedGrace) => _unleasedGrace = unleasedGrace;

    /// <summary>Ready once the first index is published; a reload that fails later leaves it ready, on the index it had.</summary>
    public KnowledgeIndexStatus Status => _first.Task.Status switch
    {
        TaskStatus.RanToCompletion => KnowledgeIndexStatus.Ready,
        TaskStatus.Faulted or TaskStatus.Canceled => KnowledgeIndexStatus.Failed,
        _ => KnowledgeIndexStatus.Loading,
    };

    /// <summary>The index, or null while it is loading or if it failed.</summary>
    public KnowledgeIndex? Current => _served?.Index;

    /// <summary>The index serving now; it stays usable for the grace period after a reload replaces it. A turn leases it instead (<see cref="LeaseAsync"/>).</summary>
    public Task<KnowledgeIndex> GetAsync(CancellationToken cancellationToken) => _served?.Ready ?? _first.Task.WaitAsync(cancellationToken);

    /// <summary>What the serving index was built from (<see cref="Knowledge.KnowledgeFingerprint"/>); null while loading, or when published without one.</summary>
    public string? Fingerprint => _served?.Fingerprint;

    /// <summary>The semantic re-ranker once it is ready; null when it is off, still loading or failed to load.</summary>
    public SemanticReranker? Reranker => _served?.Reranker;

    /// <summary>
    /// Completes once the first turn is over and its replies are written: start-up work that can wait, waits for it,
    /// rather than competing with the end of that turn (the reply, the conversation state, the response).
    /// </summary>
    public Task FirstAnswered => _firstAnswered.Task;

    /// <summary>Tells the provider a turn is over and its replies are written.</summary>
    public void NoteAnswered() => _firstAnswered.TrySetResult();

    /// <summary>
    /// The index serving now, kept open until the lease is disposed even if a reload replaces it meanwhile: a turn
    /// searches one version of the knowledge from start to end. Waits for the first index.
    /// </summary>
    public async ValueTask<KnowledgeLease> LeaseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_served is not { } served)
            {
                await _first.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (served.TryAcquire())
            {
                return new KnowledgeLease(served);
            }

            // Replaced and disposed between the read and the lease: _served already holds its successor.
        }
    }

    /// <summary>The re-ranker loaded with <paramref name="index"/>'s knowledge, which a turn that leased a replaced index still finds.</summary>
    public SemanticReranker? RerankerFor(KnowledgeIndex index)
    {
        if (_served is { } served && ReferenceEquals(served.Index, index))
        {
            return served.Reranker;
        }

        lock (_retired)
        {
            return _retired.FirstOrDefault(retired => ReferenceEquals(retired.Index, index))?.Reranker;
        }
    }

    internal void Publish(KnowledgeIndex index) => Publish(index, fingerprint: null, reranker: null);

    /// <summary>Serves <paramref name="index"/> from now on, in one step; the index it replaces retires (see the class summary).</summary>
    internal void Publish(KnowledgeIndex index, string? fingerprint, SemanticReranker? reranker)
    {
        var next = new ServedKnowledge(index, fingerprint, reranker, Retired);
        lock (_retired)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var previous = _served;
            _served = next;
            if (previous is not null)
            {
                _retired.Add(previous);
                _ = ReleaseAfterGraceAsync(previous);
            }
        }

        _first.TrySetResult(index);
    }

    /// <summary>The re-ranker, loaded after start-up, for the index serving now.</summary>
    internal void Publish(SemanticReranker reranker) => _served!.Reranker = reranker;

    /// <summary>The re-ranker loaded for <paramref name="index"/>'s knowledge, if that index still serves; false if a reload replaced it meanwhile.</summary>
    internal bool TryPublish(SemanticReranker reranker, KnowledgeIndex index)
    {
        lock (_retired)
        {
            if (_served is not { } served || !ReferenceEquals(served.Index, index))
            {
                return false;
            }

            served.Reranker = reranker;
            return true;
        }
    }

    internal void Fail(Exception error) => _first.TrySetException(error);

    /// <summary>At shutdown: every index, serving or retired, whatever still leases it.</summary>
    public void Dispose()
    {
        ServedKnowledge[] all;
        lock (_retired)
        {
            _disposed = true;
            all = [.. _retired, .. _served is { } served ? [served] : Array.Empty<ServedKnowledge>()];
            _retired.Clear();
        }

        foreach (var served in all)
        {
            served.DisposeNow();
        }
    }

    private async Task ReleaseAfterGraceAsync(ServedKnowledge previous)
    {
        await Task.Delay(_unleasedGrace).ConfigureAwait(false);
        previous.Release();
    }

    private void Retired(ServedKnowledge served)
    {
        lock (_retired)
        {
            _retired.Remove(served);
        }
    }
}

public enum KnowledgeIndexStatus
{
    Loading,
    Ready,
    Failed,
}
