using System.Diagnostics;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Parsing;
using CleanseBot.Knowledge.Search;
using CleanseBot.Reranking;
using Microsoft.Extensions.Options;

namespace CleanseBot.Hosting;

/// <summary>Builds the index from the knowledge folder at start-up. A knowledge file that cannot be read stops the service: a bot that answers nothing is worse than one that does not start.</summary>
internal sealed partial class KnowledgeIndexLoader(
    KnowledgeIndexProvider provider,
    IOptions<KnowledgeOptions> options,
    IOptions<RerankerOptions> rerankerOptions,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    ILogger<KnowledgeIndexLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = Path.GetFullPath(options.Value.Folder, environment.ContentRootPath);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var knowledge = await KnowledgeBase.LoadAsync(folder, stoppingToken).ConfigureAwait(false);
            var index = await Task.Run(() => KnowledgeIndex.Build(knowledge), stoppingToken).ConfigureAwait(false);
            provider.Publish(index);
            LogBuilt(logger, knowledge.Pairs.Count, folder, stopwatch.ElapsedMilliseconds);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Semantic re-ranker ready in {ElapsedMs} ms")]
    private static partial void LogRerankerReady(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "The semantic re-ranker could not be loaded; answering with Lucene alone")]
    private static partial void LogRerankerFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index built: {PairCount} QnA pairs from {Folder} in {ElapsedMs} ms")]
    private static partial void LogBuilt(ILogger logger, int pairCount, string folder, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot build the knowledge index from {Folder}: {Problem} Stopping.")]
    private static partial void LogFailed(ILogger logger, Exception error, string folder, string problem);
}
