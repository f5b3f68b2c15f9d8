using CleanseBot.QuestionLog;
using Microsoft.Extensions.Options;

namespace CleanseBot.QuestionLogging;

/// <summary>
/// Deletes turns older than QuestionLog:RetentionDays: at start, then hourly. Several replicas sharing one PostgreSQL
/// database each run it; deleting what another already deleted is harmless.
/// </summary>
internal sealed partial class QuestionLogRetention(
    QuestionLogStore store,
    IOptions<QuestionLogOptions> options,
    TimeProvider time,
    ILogger<QuestionLogRetention> logger) : BackgroundService
{
    internal static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Every, time);
        try
        {
            do
            {
                await DeleteExpiredAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        try
        {
            var deleted = await store.DeleteOlderThanAsync(time.GetUtcNow().AddDays(-days), cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                Log.Deleted(logger, deleted, days);
            }
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            // The writer reports a store that is down; here it only means the next hour tries again.
            Log.Failed(logger, problem, store.Describe());
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Question log: deleted {Count} turns older than {Days} days")]
        public static partial void Deleted(ILogger logger, int count, int days);

        [LoggerMessage(2, LogLevel.Warning, "Question log: could not delete old turns from {Store}; trying again in an hour")]
        public static partial void Failed(ILogger logger, Exception problem, string store);
    }
}
