using CleanseBot.QuestionLog;
using CleanseBot.Telemetry;
using Microsoft.Extensions.Options;

namespace CleanseBot.QuestionLogging;

/// <summary>
/// Writes queued turns to the question log in batches, off the request path: it waits QuestionLog:FlushInterval for
/// turns to gather (or for a full batch), then writes all that is queued. A store that fails (down, disk full,
/// locked) costs only the batch in hand: it is dropped, counted and logged, once when the failures start and once when
/// writes succeed again, and the next batch tries again. Turns still queued at shutdown are written before it ends.
/// </summary>
internal sealed partial class QuestionLogWriter(
    QuestionLogQueue queue,
    QuestionLogStore store,
    CleanseBotMetrics metrics,
    IOptions<QuestionLogOptions> options,
    TimeProvider time,
    ILogger<QuestionLogWriter> logger) : BackgroundService
{
    private readonly List<QueuedRecord> _batch = new(options.Value.BatchSize);
    private long _droppedWhileFailing;
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!queue.Enabled)
        {
            return;
        }

        var reader = queue.Reader;
        try
        {
            // Opening early creates the database (and its schema) on first start rather than at the first question.
            await OpenAsync(stoppingToken).ConfigureAwait(false);
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                if (reader.Count < options.Value.BatchSize)
                {
                    await Task.Delay(options.Value.FlushInterval, time, stoppingToken).ConfigureAwait(false);
                }

                while (reader.TryPeek(out _))
                {
                    await WriteBatchAsync(reader, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is queued now is written below, without the stopping token, so it is not cut short.
        }

        while (reader.TryPeek(out _))
        {
            await WriteBatchAsync(reader, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            Log.Opened(logger, store.Describe());
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            // Not fatal: each batch opens the store again until it works, and the first batch it costs is logged.
            Log.OpenFailed(logger, problem, store.Describe());
        }
    }

    private async Task WriteBatchAsync(System.Threading.Channels.ChannelReader<QueuedRecord> reader, CancellationToken cancellationToken)
    {
        _batch.Clear();
        while (_batch.Count < options.Value.BatchSize && reader.TryRead(out var turn))
        {
            _batch.Add(turn);
        }

        try
        {
            var hash = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            var turns = new List<LoggedTurn>(_batch.Count);
            var feedback = new List<VisitorFeedback>();
            var suggestions = new List<SuggestedAlternate>();
            foreach (var record in _batch)
            {
                if (record is PendingTurn turn)
                {
                    turns.Add(turn.ToLoggedTurn(hash));
                }
                else if (record is PendingFeedback rating)
                {
                    feedback.Add(rating.Feedback);
                }
                else if (record is PendingSuggestion suggestion)
                {
                    suggestions.Add(suggestion.ToSuggestedAlternate());
                }
            }

            // Turns first: a rating in the same batch is about a turn at most as new as itself.
            await store.WriteAsync(turns, cancellationToken).ConfigureAwait(false);
            await store.WriteFeedbackAsync(feedback, cancellationToken).ConfigureAwait(false);
            await store.WriteSuggestionsAsync(suggestions, cancellationToken).ConfigureAwait(false);
            if (_failing)
            {
                _failing = false;
                Log.Recovered(logger, store.Describe(), Interlocked.Exchange(ref _droppedWhileFailing, 0));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception problem)
        {
            // Whatever the store threw (SqliteException for a full disk, NpgsqlException or a socket error for a server
            // that is down, a timeout), the log is best effort: the batch goes, the service goes on.
            // Logged before it is counted, so whoever sees the count can find the reason in the log.
            if (!_failing)
            {
                _failing = true;
                Log.WriteFailed(logger, problem, _batch.Count, store.Describe());
            }

            _droppedWhileFailing += _batch.Count;
            metrics.QuestionLogDropped(QuestionLogDrop.StoreFailed, _batch.Count);
        }

        var droppedWhileFull = queue.TakeDroppedWhileFull();
        if (droppedWhileFull > 0)
        {
            Log.QueueFull(logger, droppedWhileFull, options.Value.QueueCapacity);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Question log at {Store}")]
        public static partial void Opened(ILogger logger, string store);

        [LoggerMessage(2, LogLevel.Warning, "Question log at {Store} could not be opened; turns are dropped until it can")]
        public static partial void OpenFailed(ILogger logger, Exception problem, string store);

        [LoggerMessage(3, LogLevel.Warning, "Question log dropped {Count} records: {Store} failed; records are dropped until it works again")]
        public static partial void WriteFailed(ILogger logger, Exception problem, int count, string store);

        [LoggerMessage(4, LogLevel.Information, "Question log writes to {Store} again; {Dropped} records were dropped while it failed")]
        public static partial void Recovered(ILogger logger, string store, long dropped);

        [LoggerMessage(5, LogLevel.Warning, "Question log dropped {Count} records: its queue of {Capacity} was full")]
        public static partial void QueueFull(ILogger logger, long count, int capacity);
    }
}
