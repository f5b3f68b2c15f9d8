using System.Globalization;
using System.Threading.Channels;
using CleanseBot.Redis;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace CleanseBot.Channels.DirectLine;

/// <summary>One page of a conversation's activities, each already JSON, and the watermark after the last.</summary>
internal sealed record ActivityPage(IReadOnlyList<string> Activities, long Watermark);

/// <summary>
/// One Direct Line conversation as its clients see it: every activity in order, each with an id, a server-side UTC
/// timestamp and a sequence number that is the watermark after it; and the one WebSocket stream that follows it.
/// Thread-safe. Activities are kept as the JSON clients receive, written once, within a count and a byte budget of
/// the conversation's own and the store's (<see cref="DirectLineMemoryBudget"/>). With Redis on, the activities and
/// their sequence numbers live there instead (<see cref="RedisDirectLineStore"/>), shared with every replica, and this
/// object is the replica's handle on the conversation: its stream, its turn gate, its idle clock.
/// </summary>
internal sealed class DirectLineConversation(
    string id,
    string userId,
    string clientAddress,
    ConversationLimits limits,
    DirectLineMemoryBudget budget,
    TimeProvider clock,
    RedisDirectLineStore? shared = null)
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Sequence, string Json)> _activities = new();
    private long _lastSequence;
    private long _bytes;
    private DateTimeOffset _lastTimestamp = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUsed = clock.GetUtcNow();
    private StreamSubscription? _stream;
    private LinkedListNode<DirectLineConversation>? _budgetNode;

    public string Id { get; } = id;

    /// <summary>The user the conversation's tokens were issued to.</summary>
    public string UserId { get; } = userId;

    /// <summary>The address of the client that started it, whose share of conversations it counts against.</summary>
    public string ClientAddress { get; } = clientAddress;

    /// <summary>Its place in the store's order of activity; made and moved by <see cref="DirectLineMemoryBudget"/> only, under its lock.</summary>
    internal LinkedListNode<DirectLineConversation> BudgetNode => _budgetNode ??= new(this);

    /// <summary>The bytes the store counts for it, which lag its own count while an activity is being stored; the budget's, under its lock.</summary>
    internal long CountedBytes { get; set; }

    /// <summary>Whether the store has forgotten it, and counts it no more; the budget's, under its lock.</summary>
    internal bool Uncounted { get; set; }

    /// <summary>Turns run one at a time, so that the bot reads and writes the conversation's memory in order.</summary>
    public SemaphoreSlim TurnGate { get; } = new(1, 1);

    /// <summary>The watermark after the newest activity.</summary>
    public long Watermark
    {
        get
        {
            lock (_gate)
            {
                return _lastSequence;
            }
        }
    }

    public DateTimeOffset LastUsed
    {
        get
        {
            lock (_gate)
            {
                return _lastUsed;
            }
        }
    }

    /// <summary>Gives the activity the next id, sequence number and timestamp, stores it and wakes the stream.</summary>
    /// <returns>The activity's id.</returns>
    public string Append(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var now = clock.GetUtcNow();
        StreamSubscription? stream;
        string activityId;
        long added;
        long dropped = 0;
        lock (_gate)
        {
            var sequence = ++_lastSequence;
            activityId = $"{Id}|{sequence.ToString("D7", CultureInfo.InvariantCulture)}";
            activity.Id = activityId;

            activity.Timestamp = NextTimestampLocked(now);
            var json = Serialize(activity);
            _activities.Enqueue((sequence, json));
            added = SizeOf(json);
            _bytes += added;

            // The newest is always kept: it is what the client is waiting for.
            while (_activities.Count > 1 && (_activities.Count > limits.MaxActivities || _bytes > limits.MaxBytes))
            {
                dropped += DropOldestLocked();
            }

            _lastUsed = now;
            stream = _stream;
        }

        budget.Stored(this, added - dropped);
        stream?.Notify();
        return activityId;
    }

    /// <summary>Whether its activities live in Redis, shared with the other replicas.</summary>
    public bool IsShared => shared is not null;

    /// <summary>As <see cref="Append"/>, in Redis when the conversation is shared: Redis gives the sequence number, so replicas never give the same one twice.</summary>
    /// <exception cref="SharedStateUnavailableException">Redis cannot be reached.</exception>
    public async Task<string> AppendAsync(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (shared is null)
        {
            return Append(activity);
        }

        var now = clock.GetUtcNow();
        lock (_gate)
        {
            activity.Timestamp = NextTimestampLocked(now);
            _lastUsed = now;
        }

        // Unguessable, so that nothing a visitor writes can be taken for it.
        var marker = "@" + Guid.NewGuid().ToString("N");
        activity.Id = $"{Id}|{marker}";
        var sequence = await shared.AppendAsync(Id, Serialize(activity), marker).ConfigureAwait(false);
        activity.Id = $"{Id}|{sequence.ToString("D7", CultureInfo.InvariantCulture)}";
        Wake();
        return activity.Id;
    }

    /// <summary>As <see cref="After"/>, from Redis when the conversation is shared.</summary>
    public Task<ActivityPage> AfterAsync(long watermark, int max) =>
        shared is null ? Task.FromResult(After(watermark, max)) : shared.AfterAsync(Id, watermark, max);

    /// <summary>As <see cref="Watermark"/>, from Redis when the conversation is shared.</summary>
    public Task<long> WatermarkAsync() => shared is null ? Task.FromResult(Watermark) : shared.WatermarkAsync(Id);

    /// <summary>As <see cref="Touch"/>; a shared conversation's idle clock in Redis starts again too.</summary>
    public Task TouchAsync()
    {
        Touch();
        return shared is null ? Task.CompletedTask : shared.TouchAsync(Id);
    }

    /// <summary>Tells the stream, if one is open here, that there may be new activities.</summary>
    public void Wake()
    {
        StreamSubscription? stream;
        lock (_gate)
        {
            stream = _stream;
        }

        stream?.Notify();
    }

    private static string Serialize(Activity activity) =>
        JsonConvert.SerializeObject(activity, Formatting.None, HttpHelper.BotMessageSerializerSettings);

    // Web Chat orders activities by timestamp, to the millisecond: an answer stamped in the same millisecond as its
    // question could show above it.
    private DateTimeOffset NextTimestampLocked(DateTimeOffset now)
    {
        var timestamp = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        _lastTimestamp = timestamp > _lastTimestamp ? timestamp : _lastTimestamp.AddMilliseconds(1);
        return _lastTimestamp;
    }

    /// <summary>Drops the oldest activity, for the store's budget.</summary>
    /// <returns>The bytes freed, and whether none are left.</returns>
    internal (long Freed, bool Empty) DropOldest()
    {
        lock (_gate)
        {
            var freed = _activities.Count > 0 ? DropOldestLocked() : 0;
            return (freed, _activities.Count == 0);
        }
    }

    // A string's characters take two bytes each; the few dozen bytes of object headers are left out.
    private static long SizeOf(string json) => 2L * json.Length;

    private long DropOldestLocked()
    {
        var freed = SizeOf(_activities.Dequeue().Json);
        _bytes -= freed;
        return freed;
    }

    /// <summary>The activities after the watermark, at most <paramref name="max"/>, and the watermark to ask from next.</summary>
    public ActivityPage After(long watermark, int max)
    {
        lock (_gate)
        {
            var page = new List<string>();
            var last = Math.Min(watermark, _lastSequence);
            foreach (var (sequence, json) in _activities)
            {
                if (sequence <= watermark)
                {
                    continue;
                }

                if (page.Count == max)
                {
                    break;
                }

                page.Add(json);
                last = sequence;
            }

            return new ActivityPage(page, Math.Max(last, 0));
        }
    }

    /// <summary>Follows the conversation with a new stream. Direct Line allows one per conversation: an older one is told to close.</summary>
    public StreamSubscription OpenStream()
    {
        var subscription = new StreamSubscription(this);
        StreamSubscription? replaced;
        lock (_gate)
        {
            replaced = _stream;
            _stream = subscription;
            _lastUsed = clock.GetUtcNow();
        }

        replaced?.End(StreamEnd.Replaced);
        return subscription;
    }

    /// <summary>Whether nothing was posted and no stream was open since the cutoff: the conversation may be forgotten.</summary>
    public bool IsIdleSince(DateTimeOffset cutoff)
    {
        lock (_gate)
        {
            return _stream is null && _lastUsed < cutoff;
        }
    }

    /// <summary>Marks the conversation used, e.g. by a poll for activities.</summary>
    public void Touch()
    {
        lock (_gate)
        {
            _lastUsed = clock.GetUtcNow();
        }
    }

    /// <summary>Closes the stream, if any, when the conversation is forgotten.</summary>
    public void End()
    {
        StreamSubscription? stream;
        lock (_gate)
        {
            stream = _stream;
            _stream = null;
        }

        stream?.End(StreamEnd.ConversationEnded);
    }

    internal void CloseStream(StreamSubscription subscription)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_stream, subscription))
            {
                _stream = null;
                _lastUsed = clock.GetUtcNow();
            }
        }
    }
}

/// <summary>How many activities, and how many bytes of them, one conversation keeps.</summary>
internal readonly record struct ConversationLimits(int MaxActivities, long MaxBytes);

/// <summary>Why a stream must close.</summary>
internal enum StreamEnd
{
    None,

    /// <summary>Another stream opened for the same conversation ("collision" in Direct Line).</summary>
    Replaced,

    /// <summary>The conversation was forgotten.</summary>
    ConversationEnded,

    /// <summary>The service is stopping, e.g. to restart.</summary>
    ServiceStopping,
}

/// <summary>A stream's link to its conversation: woken when activities arrive, told when to close.</summary>
internal sealed class StreamSubscription(DirectLineConversation conversation) : IDisposable
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile StreamEnd _end;

    public StreamEnd Ended => _end;

    /// <summary>Waits until there may be new activities, or the stream must end.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        _wake.Reader.TryRead(out _);
    }

    public void Dispose() => conversation.CloseStream(this);

    internal void Notify() => _wake.Writer.TryWrite(true);

    internal void End(StreamEnd reason)
    {
        _end = reason;
        Notify();
    }
}
