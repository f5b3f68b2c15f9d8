using System.Diagnostics;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Parsing;
using CleanseBot.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace CleanseBot.Hosting;

/// <summary>Builds the index from the knowledge folder at start-up. A knowledge file that cannot be read stops the service: a bot that answers nothing is worse than one that does not start.</summary>
internal sealed partial class KnowledgeIndexLoader(
    KnowledgeIndexProvider provider,
    IOptions<KnowledgeOptions> options,
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
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index built: {PairCount} QnA pairs from {Folder} in {ElapsedMs} ms")]
    private static partial void LogBuilt(ILogger logger, int pairCount, string folder, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot build the knowledge index from {Folder}: {Problem} Stopping.")]
    private static partial void LogFailed(ILogger logger, Exception error, string folder, string problem);
}
