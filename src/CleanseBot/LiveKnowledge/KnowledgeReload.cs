namespace CleanseBot.LiveKnowledge;

/// <summary>What one reload of the knowledge did, and what it found wrong.</summary>
/// <param name="Fingerprint">The knowledge serving after the reload: the new one, or the old one when the reload changed nothing.</param>
/// <param name="Pairs">The QnA pairs serving after the reload.</param>
/// <param name="Problems">For <see cref="KnowledgeReloadOutcome.Invalid"/>, each mistake as <c>file:line: problem</c>.</param>
public sealed record KnowledgeReload(
    KnowledgeReloadOutcome Outcome,
    string? Fingerprint,
    int Pairs,
    IReadOnlyList<string> Problems,
    TimeSpan Elapsed,
    DateTimeOffset FinishedAt);

/// <summary>How a reload ended; the tag of <c>cleansebot.knowledge.reloads</c>.</summary>
public enum KnowledgeReloadOutcome
{
    /// <summary>The new index was built, checked and swapped in.</summary>
    Reloaded,

    /// <summary>The files hold the knowledge already serving (an editor that saved without a change): nothing was rebuilt.</summary>
    Unchanged,

    /// <summary>A file has a mistake; the old index goes on serving and the log names each file and line.</summary>
    Invalid,

    /// <summary>Something unexpected (a disk error); the old index goes on serving.</summary>
    Failed,
}
