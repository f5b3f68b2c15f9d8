using CleanseBot.Knowledge.Search;
using CleanseBot.Reranking;

namespace CleanseBot.Answering;

/// <summary>
/// What the answering policy reads the knowledge through: the index serving now, and the semantic re-ranker once it
/// is loaded. The host builds both in the background; a turn takes the index once and keeps it to the end.
/// </summary>
public interface IKnowledgeSource
{
    /// <summary>The index serving now; waits while the first one is built.</summary>
    Task<KnowledgeIndex> GetAsync(CancellationToken cancellationToken);

    /// <summary>The semantic re-ranker once it is ready; null when it is off, still loading or failed to load.</summary>
    SemanticReranker? Reranker { get; }
}
