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
    SavedIndexes snapshots,
    IOptions<RerankerOptions> rerankerOptions,
    IHostApplicationLifetime lifetime,
    ILogger<KnowledgeIndexLoader> logger) : BackgroundService
{
    // A start with no message meanwhile has plainly finished starting by then.
    private static readonly TimeSpan SpellingWaitsAtMost = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Begun as the host starts, ended with the first answer (or by any way out of here).
        using var startingWithoutCollections = StartingWithoutCollections.Begin();
        var folder = snapshots.Folder;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var (knowledge, fingerprint, index) = await Task.Run(() => ReadAndOpen(folder, stoppingToken), stoppingToken).ConfigureAwait(false);
            if (index is not null)
            {
                provider.Publish(index, fingerprint, reranker: null);
                LogOpened(logger, knowledge.Pairs.Count, snapshots.SnapshotFolder!, fingerprint, stopwatch.ElapsedMilliseconds);
            }
            else
            {
                index = await Task.Run(() => KnowledgeIndex.Build(knowledge), stoppingToken).ConfigureAwait(false);
                provider.Publish(index, fingerprint, reranker: null);
                LogBuilt(logger, knowledge.Pairs.Count, folder, fingerprint, stopwatch.ElapsedMilliseconds);
                await Task.Run(() => snapshots.Save(index), stoppingToken).ConfigureAwait(false);
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
                await LoadRerankerAsync(index, stoppingToken).ConfigureAwait(false);
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

    // The fingerprint first: a file saved while the rest is read is then read again by the reload its change starts.
    private (KnowledgeBase Knowledge, string Fingerprint, KnowledgeIndex? Index) ReadAndOpen(string folder, CancellationToken stoppingToken)
    {
        var fingerprint = KnowledgeFingerprint.Of(folder);
        var knowledge = KnowledgeBase.Load(folder, stoppingToken);
        return (knowledge, fingerprint, snapshots.TryOpen(knowledge));
    }

    private async Task PrepareSpellingAsync(KnowledgeIndex index, CancellationToken stoppingToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.Run(index.PrepareSpelling, stoppingToken).ConfigureAwait(false);
        LogSpellingPrepared(logger, stopwatch.ElapsedMilliseconds);
    }

    // The bot answers with Lucene alone meanwhile; a model that cannot load leaves it at that rather than down.
    private async Task LoadRerankerAsync(KnowledgeIndex index, CancellationToken stoppingToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var reranker = await Task.Run(() => SemanticReranker.Create(index.Knowledge, rerankerOptions.Value.Weight, stoppingToken), stoppingToken).ConfigureAwait(false);

            // A reload that replaced the index meanwhile loaded a re-ranker for its own knowledge.
            if (!provider.TryPublish(reranker, index))
            {
                reranker.Dispose();
                return;
            }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index opened: {PairCount} QnA pairs, saved in {SnapshotFolder}, knowledge {Fingerprint}, in {ElapsedMs} ms")]
    private static partial void LogOpened(ILogger logger, int pairCount, string snapshotFolder, string fingerprint, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index built: {PairCount} QnA pairs from {Folder}, knowledge {Fingerprint}, in {ElapsedMs} ms")]
    private static partial void LogBuilt(ILogger logger, int pairCount, string folder, string fingerprint, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot build the knowledge index from {Folder}: {Problem} Stopping.")]
    private static partial void LogFailed(ILogger logger, Exception error, string folder, string problem);
}
