using CleanseBot.Hosting;
using CleanseBot.Knowledge;
using Microsoft.Extensions.Options;

namespace CleanseBot.LiveKnowledge;

/// <summary>
/// Reloads the knowledge when a content owner saves a <c>.qna</c> file or a word list in the knowledge folder
/// (Knowledge:WatchForChanges). Saving is a burst of events (an editor writes a temporary file, renames it, touches
/// it; a <c>git pull</c> changes several files), so the reload waits until the folder has been quiet for
/// Knowledge:ReloadDebounce: one burst, one reload.
/// </summary>
internal sealed partial class KnowledgeFolderWatcher(
    KnowledgeReloader reloader,
    SavedIndexes snapshots,
    IOptions<KnowledgeOptions> options,
    ILogger<KnowledgeFolderWatcher> logger) : IHostedService, IDisposable
{
    private const string Reason = "file change";

    private readonly TimeSpan _debounce = options.Value.ReloadDebounce;
    private FileSystemWatcher? _watcher;
    private Timer? _quiet;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WatchForChanges)
        {
            return Task.CompletedTask;
        }

        _quiet = new Timer(_ => _ = reloader.ReloadAsync(Reason, CancellationToken.None));
        try
        {
            // Only the folder itself: the snapshot folder inside it (.index) changes at every reload.
            _watcher = new FileSystemWatcher(snapshots.Folder)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnChanged;
            _watcher.Created += OnChanged;
            _watcher.Deleted += OnChanged;
            _watcher.Renamed += OnRenamed;
            _watcher.Error += OnError;
            _watcher.EnableRaisingEvents = true;
            LogWatching(logger, snapshots.Folder, _debounce.TotalMilliseconds);
        }
        catch (Exception error) when (error is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Out of inotify instances, say: the bot answers as before, and SIGHUP or the admin endpoint still reload.
            LogCannotWatch(logger, snapshots.Folder, error.Message);
            _watcher?.Dispose();
            _watcher = null;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
        _quiet?.Dispose();
        _quiet = null;
    }

    private void OnChanged(object sender, FileSystemEventArgs change)
    {
        if (KnowledgeFingerprint.Covers(change.Name))
        {
            Restart();
        }
    }

    // An editor that saves by writing "name.qna.tmp" and renaming it over "name.qna" shows only in the new name.
    private void OnRenamed(object sender, RenamedEventArgs rename)
    {
        if (KnowledgeFingerprint.Covers(rename.Name) || KnowledgeFingerprint.Covers(rename.OldName))
        {
            Restart();
        }
    }

    // The watcher's buffer overflowed: some change went unseen, so reload anyway; an unchanged folder costs only a read.
    private void OnError(object sender, ErrorEventArgs error)
    {
        LogWatchError(logger, error.GetException().Message);
        Restart();
    }

    private void Restart() => _quiet?.Change(_debounce, Timeout.InfiniteTimeSpan);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for knowledge changes; a change reloads after {DebounceMs} ms of quiet")]
    private static partial void LogWatching(ILogger logger, string folder, double debounceMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Folder} for knowledge changes ({Problem}); SIGHUP and POST /admin/knowledge/reload still reload it")]
    private static partial void LogCannotWatch(ILogger logger, string folder, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The knowledge folder watcher missed events ({Problem}); reloading to be sure")]
    private static partial void LogWatchError(ILogger logger, string problem);
}
