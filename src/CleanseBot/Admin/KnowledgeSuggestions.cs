using CleanseBot.ContentReview;
using CleanseBot.Hosting;
using CleanseBot.QuestionLog;
using Microsoft.Extensions.Options;

namespace CleanseBot.Admin;

/// <summary>
/// The page's "Accept": the same as <c>Insights -- accept &lt;id&gt;</c>, into <see cref="Folder"/>. One at a time, so
/// two owners accepting at once cannot each rewrite a file from the same old text and lose the other's line.
/// </summary>
internal sealed class KnowledgeSuggestions(
    QuestionLogStore store,
    IOptions<QuestionLogOptions> questionLog,
    IOptions<AdminOptions> admin,
    IOptions<KnowledgeOptions> knowledge,
    IHostEnvironment environment,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Where accepted suggestions are written: Admin:KnowledgeFolder, or the folder the service reads.</summary>
    public string Folder { get; } = Path.GetFullPath(
        admin.Value.KnowledgeFolder.Length > 0 ? admin.Value.KnowledgeFolder : knowledge.Value.Folder,
        environment.ContentRootPath);

    /// <exception cref="System.Data.Common.DbException">The log cannot be read or written.</exception>
    public async Task<AcceptedSuggestion> AcceptAsync(long id, CancellationToken cancellationToken)
    {
        // Switched off, the log is never opened: it would create the database the setting promises not to touch.
        if (!questionLog.Value.Enabled)
        {
            return new AcceptedSuggestion(AcceptanceOutcome.UnknownId, "The question log is off (QuestionLog:Enabled is false), so it has no suggestions to accept.");
        }

        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await SuggestionAcceptance.AcceptAsync(store, Folder, id, time.GetUtcNow(), cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();
}
