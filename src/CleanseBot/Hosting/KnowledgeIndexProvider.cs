using CleanseBot.Answering;
using CleanseBot.Knowledge.Search;
using CleanseBot.Reranking;

namespace CleanseBot.Hosting;

/// <summary>
/// Hands out the knowledge index once it is built. The index is built in the background so the web server
/// starts listening at once; a message that arrives meanwhile waits for it rather than failing.
/// </summary>
public sealed class KnowledgeIndexProvider : IKnowledgeSource, IDisposable
{
    private readonly TaskCompletionSource<KnowledgeIndex> _index = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public KnowledgeIndexStatus Status => _index.Task.Status switch
    {
        TaskStatus.RanToCompletion => KnowledgeIndexStatus.Ready,
        TaskStatus.Faulted or TaskStatus.Canceled => KnowledgeIndexStatus.Failed,
        _ => KnowledgeIndexStatus.Loading,
    };

    /// <summary>The index, or null while it is loading or if it failed.</summary>
    public KnowledgeIndex? Current => _index.Task.IsCompletedSuccessfully ? _index.Task.Result : null;

    public Task<KnowledgeIndex> GetAsync(CancellationToken cancellationToken) => _index.Task.WaitAsync(cancellationToken);

    /// <summary>The semantic re-ranker once it is ready; null when it is off, still loading or failed to load.</summary>
    public SemanticReranker? Reranker { get; private set; }

    /// <summary>
    /// Completes once the first turn is over and its replies are written: start-up work that can wait, waits for it,
    /// rather than competing with the end of that turn (the reply, the conversation state, the response).
    /// </summary>
    public Task FirstAnswered => _firstAnswered.Task;

    /// <summary>Tells the provider a turn is over and its replies are written.</summary>
    public void NoteAnswered() => _firstAnswered.TrySetResult();

    internal void Publish(KnowledgeIndex index) => _index.TrySetResult(index);

    internal void Publish(SemanticReranker reranker) => Reranker = reranker;

    internal void Fail(Exception error) => _index.TrySetException(error);

    public void Dispose()
    {
        Current?.Dispose();
        Reranker?.Dispose();
    }
}

public enum KnowledgeIndexStatus
{
    Loading,
    Ready,
    Failed,
}
