using System.Threading.Channels;
using CleanseBot.Answering;
using CleanseBot.QuestionLog;
using CleanseBot.Telemetry;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CleanseBot.QuestionLogging;

/// <summary>
/// Where a turn's outcome waits for <see cref="QuestionLogWriter"/>: a bounded queue that never makes a turn wait.
/// When it is full the turn's record is dropped and counted (cleansebot.question_log.dropped), and the writer logs how
/// many at its next batch, so a flood of turns costs log lines per batch, not per turn.
/// </summary>
internal sealed class QuestionLogQueue
{
    private readonly Channel<QueuedRecord>? _turns;
    private readonly CleanseBotMetrics _metrics;
    private readonly TimeProvider _time;
    private long _droppedWhileFull;

    public QuestionLogQueue(IOptions<QuestionLogOptions> options, CleanseBotMetrics metrics, TimeProvider time)
    {
        var settings = options.Value;
        _metrics = metrics;
        _time = time;
        if (settings.Enabled)
        {
            // Wait mode makes TryWrite refuse when full (DropWrite would accept and discard silently, uncounted).
            _turns = Channel.CreateBounded<QueuedRecord>(new BoundedChannelOptions(settings.QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
                SingleWriter = false,
            });
        }
    }

    public bool Enabled => _turns is not null;

    internal ChannelReader<QueuedRecord> Reader => _turns?.Reader ?? throw new InvalidOperationException("The question log is off (QuestionLog:Enabled is false).");

    /// <summary>Queues a decided message for the log, or drops it at once when the queue is full.</summary>
    /// <param name="turnId">The id the reply's feedback actions name.</param>
    /// <param name="replyId">The id the channel gave the reply, when it gave one.</param>
    public void Record(IActivity activity, Guid turnId, string? text, Decision decision, TimeSpan turnTime, string? replyId)
    {
        if (_turns is not null)
        {
            Enqueue(PendingTurn.Of(turnId, _time.GetUtcNow(), activity.ChannelId ?? "", activity.Conversation?.Id ?? "", text, decision, turnTime, replyId));
        }
    }

    /// <summary>Queues a visitor's rating of an answer, naming the turn by its id or by the channel's id of the reply.</summary>
    public void RecordFeedback(IActivity activity, Guid? turnId, string? replyId, bool helpful)
    {
        if (_turns is not null)
        {
            Enqueue(new PendingFeedback(new VisitorFeedback(_time.GetUtcNow(), activity.ChannelId ?? "", turnId, replyId, helpful)));
        }
    }

    /// <summary>Queues a suggested alternate: <paramref name="message"/> (masked by the writer) should find <paramref name="pairId"/>.</summary>
    public void RecordSuggestion(IActivity activity, string message, int pairId, SuggestionSource source)
    {
        if (_turns is not null)
        {
            Enqueue(new PendingSuggestion(_time.GetUtcNow(), activity.ChannelId ?? "", message, pairId, source));
        }
    }

    private void Enqueue(QueuedRecord record)
    {
        if (!_turns!.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _droppedWhileFull);
            _metrics.QuestionLogDropped(QuestionLogDrop.QueueFull, 1);
        }
    }

    /// <summary>How many turns were dropped for a full queue since the last call.</summary>
    internal long TakeDroppedWhileFull() => Interlocked.Exchange(ref _droppedWhileFull, 0);
}

/// <summary>What waits in the queue: a turn (<see cref="PendingTurn"/>), a rating (<see cref="PendingFeedback"/>) or a suggestion (<see cref="PendingSuggestion"/>).</summary>
internal abstract record QueuedRecord;
