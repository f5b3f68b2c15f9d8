using System.Diagnostics;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace CleanseBot.Hosting;

/// <summary>
/// The index snapshots (Knowledge:SnapshotFolder) as the service uses them, at start-up and at each reload: open the
/// one saved for this knowledge if there is one, save the one just built. A snapshot only saves time, so neither ever
/// fails a load: an unreadable one is built again, one that cannot be saved is built again at the next start.
/// </summary>
internal sealed partial class SavedIndexes
{
    private readonly IndexSnapshots? _snapshots;
    private readonly ILogger<SavedIndexes> _logger;

    public SavedIndexes(IOptions<KnowledgeOptions> options, IHostEnvironment environment, ILogger<SavedIndexes> logger)
    {
        var settings = options.Value;
        Folder = Path.GetFullPath(settings.Folder, environment.ContentRootPath);
        _snapshots = settings.SnapshotFolder.Length == 0 ? null : new IndexSnapshots(Path.GetFullPath(settings.SnapshotFolder, Folder));
        _logger = logger;
    }

    /// <summary>The knowledge folder, as a full path.</summary>
    public string Folder { get; }

    /// <summary>Where snapshots are kept; null when they are off.</summary>
    public string? SnapshotFolder => _snapshots?.Folder;

    public KnowledgeIndex? TryOpen(KnowledgeBase knowledge)
    {
        try
        {
            return _snapshots?.TryOpen(knowledge);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogSnapshotUnreadable(_logger, error, _snapshots!.Folder);
            return null;
        }
    }

    // The index is already answering; a disk that is full or read-only only means the next start builds again.
    public void Save(KnowledgeIndex index)
    {
        if (_snapshots is null)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            _snapshots.Save(index);
            LogSnapshotSaved(_logger, _snapshots.Folder, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogSnapshotNotSaved(_logger, _snapshots.Folder, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved knowledge index in {SnapshotFolder} cannot be read; building it instead")]
    private static partial void LogSnapshotUnreadable(ILogger logger, Exception error, string snapshotFolder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index saved in {SnapshotFolder} in {ElapsedMs} ms, for the next start")]
    private static partial void LogSnapshotSaved(ILogger logger, string snapshotFolder, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The knowledge index could not be saved in {SnapshotFolder} ({Problem}); the next start builds it again")]
    private static partial void LogSnapshotNotSaved(ILogger logger, string snapshotFolder, string problem);
}
