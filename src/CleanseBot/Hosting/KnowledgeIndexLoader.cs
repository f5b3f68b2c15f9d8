using System.Diagnostics;
using CleanseBot.Answering;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Parsing;
using CleanseBot.Knowledge.Search;
using CleanseBot.Reranking;
using Microsoft.Extensions.Options;

namespace CleanseBot.Hosting;

/// <summary>Builds the index from the knowledge folder at start-up, or opens the one saved by an earlier start for the same knowledge and code. A knowledge file that cannot be read stops the service: a bot that answers nothing is worse than one that does not start.</summary>
internal sealed partial class KnowledgeIndexLoader(
    KnowledgeIndexProvider provider,
    IOptions<KnowledgeOptions> options,
    IOptions<RerankerOptions> rerankerOptions,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    ILogger<KnowledgeIndexLoader> logger) : BackgroundService
{
    // A start with no message meanwhile has plainly finished starting by then.
    private static readonly TimeSpan SpellingWaitsAtMost = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Begun as the host starts, ended with the first answer (or by any way out of here).
        using var startingWithoutCollections = StartingWithoutCollections.Begin();
        var folder = Path.GetFullPath(options.Value.Folder, environment.ContentRootPath);
        var snapshots = options.Value.SnapshotFolder.Length == 0 ? null : new IndexSnapshots(Path.GetFullPath(options.Value.SnapshotFolder, folder));
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var (knowledge, index) = await Task.Run(() => ReadAndOpen(folder, snapshots, stoppingToken), stoppingToken).ConfigureAwait(false);
            if (index is not null)
            {
                provider.Publish(index);
                LogOpened(logger, knowledge.Pairs.Count, snapshots!.Folder, stopwatch.ElapsedMilliseconds);
            }
            else
            {
                index = await Task.Run(() => KnowledgeIndex.Build(knowledge), stoppingToken).ConfigureAwait(false);
                provider.Publish(index);
                LogBuilt(logger, knowledge.Pairs.Count, folder, stopwatch.ElapsedMilliseconds);
                if (snapshots is not null)
                {
                    await Task.Run(() => SaveSnapshot(snapshots, index), stoppingToken).ConfigureAwait(false);
                }
            }

            // Off the first answer's path: search's first-time work, and the JSON serializer's for a turn's state and
            // reply, run here, on a thread with nothing else to do while the host starts, rather than in the first
            // visitor's turn. The spelling dictionary, which most first messages do not need (one that does builds
            // it), waits until that turn is answered, so on a machine with few cores it does not compete with it.
            await Task.Run(index.WarmUp, stoppingToken).ConfigureAwait(false);
            await Task.Run(FirstTurnWarmUp.Run, stoppingToken).ConfigureAwait(false);
            await Task.WhenAny(provider.FirstAnswered, Task.Delay(SpellingWaitsAtMost, stoppingToken)).ConfigureAwait(false);
            startingWithoutCollections.Dispose();
            await PrepareSpellingAsync(index, stoppingToken).ConfigureAwait(false);
            if (rerankerOptions.Value.Enabled)
            {
                await LoadRerankerAsync(knowledge, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            provider.Fail(new OperationCanceledException("The service stopped before the knowledge index was built."));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or KnowledgeFormatException)
        {
            LogFailed(logger, error, folder, error.Message);
            provider.Fail(error);
            Environment.ExitCode = 1;

            // Stopping while the host is still starting cancels its start, which ends the process with an unhandled
            // exception instead of this clear log and exit code: stop once it has started (at once if it has).
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
        }
    }

    private (KnowledgeBase Knowledge, KnowledgeIndex? Index) ReadAndOpen(string folder, IndexSnapshots? snapshots, CancellationToken stoppingToken)
    {
        var knowledge = KnowledgeBase.Load(folder, stoppingToken);
        return (knowledge, OpenSnapshot(snapshots, knowledge));
    }

    private async Task PrepareSpellingAsync(KnowledgeIndex index, CancellationToken stoppingToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.Run(index.PrepareSpelling, stoppingToken).ConfigureAwait(false);
        LogSpellingPrepared(logger, stopwatch.ElapsedMilliseconds);
    }

    // A snapshot only saves time: one that cannot be read is rebuilt, and replaced by the save that follows.
    private KnowledgeIndex? OpenSnapshot(IndexSnapshots? snapshots, KnowledgeBase knowledge)
    {
        try
        {
            return snapshots?.TryOpen(knowledge);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogSnapshotUnreadable(logger, error, snapshots!.Folder);
            return null;
        }
    }

    // The index is already answering; a disk that is full or read-only only means the next start builds again.
    private void SaveSnapshot(IndexSnapshots snapshots, KnowledgeIndex index)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            snapshots.Save(index);
            LogSnapshotSaved(logger, snapshots.Folder, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogSnapshotNotSaved(logger, snapshots.Folder, error.Message);
        }
    }

    // The bot answers with Lucene alone meanwhile; a model that cannot load leaves it at that rather than down.
    private async Task LoadRerankerAsync(KnowledgeBase knowledge, CancellationToken stoppingToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var reranker = await Task.Run(() => SemanticReranker.Create(knowledge, rerankerOptions.Value.Weight, stoppingToken), stoppingToken).ConfigureAwait(false);
            provider.Publish(reranker);
            LogRerankerReady(logger, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogRerankerFailed(logger, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Spelling corrector ready in {ElapsedMs} ms")]
    private static partial void LogSpellingPrepared(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Semantic re-ranker ready in {ElapsedMs} ms")]
    private static partial void LogRerankerReady(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "The semantic re-ranker could not be loaded; answering with Lucene alone")]
    private static partial void LogRerankerFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index opened: {PairCount} QnA pairs, saved in {SnapshotFolder}, in {ElapsedMs} ms")]
    private static partial void LogOpened(ILogger logger, int pairCount, string snapshotFolder, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved knowledge index in {SnapshotFolder} cannot be read; building it instead")]
    private static partial void LogSnapshotUnreadable(ILogger logger, Exception error, string snapshotFolder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index saved in {SnapshotFolder} in {ElapsedMs} ms, for the next start")]
    private static partial void LogSnapshotSaved(ILogger logger, string snapshotFolder, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The knowledge index could not be saved in {SnapshotFolder} ({Problem}); the next start builds it again")]
    private static partial void LogSnapshotNotSaved(ILogger logger, string snapshotFolder, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index built: {PairCount} QnA pairs from {Folder} in {ElapsedMs} ms")]
    private static partial void LogBuilt(ILogger logger, int pairCount, string folder, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot build the knowledge index from {Folder}: {Problem} Stopping.")]
    private static partial void LogFailed(ILogger logger, Exception error, string folder, string problem);
}
