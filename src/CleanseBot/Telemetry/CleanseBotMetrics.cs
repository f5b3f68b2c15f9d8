using System.Diagnostics.Metrics;
using CleanseBot.Answering;
using CleanseBot.LiveKnowledge;

namespace CleanseBot.Telemetry;

/// <summary>
/// The service's own instruments, on the meter "CleanseBot": what was decided, how long turns and searches took, what
/// was rate-limited, what the question log dropped, how knowledge reloads ended, and how many Direct Line conversations and streams are open. Every tag value is an enum's name, so
/// the number of series stays bounded and no visitor's text ever reaches /metrics.
/// </summary>
internal sealed class CleanseBotMetrics
{
    public const string MeterName = "CleanseBot";

    // OpenTelemetry's default buckets (0 to 10,000) suit milliseconds; these are seconds, and a turn takes well under one.
    private static readonly InstrumentAdvice<double> DurationBuckets = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    };

    // A reload reads, checks and builds the whole index: tenths of a second to seconds, not a turn's milliseconds.
    private static readonly InstrumentAdvice<double> ReloadBuckets = new()
    {
        HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };

    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _redFlags;
    private readonly Counter<long> _overruledSigns;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _questionLogDropped;
    private readonly Histogram<double> _turnDuration;
    private readonly Histogram<double> _searchDuration;
    private readonly UpDownCounter<int> _openStreams;
    private readonly Counter<long> _knowledgeReloads;
    private readonly Histogram<double> _knowledgeReloadDuration;

    public CleanseBotMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _messages = _meter.CreateCounter<long>("cleansebot.messages", "{message}", "Messages decided, by what the bot decided to do (decision).");
        _redFlags = _meter.CreateCounter<long>("cleansebot.red_flags", "{message}", "Messages with a warning sign, by its kind (kind).");
        _overruledSigns = _meter.CreateCounter<long>("cleansebot.red_flags.overruled", "{message}", "Messages a warning-sign rule referred that the learned model overruled as almost surely calm, by the rule's kind (kind).");
        _refusals = _meter.CreateCounter<long>("cleansebot.refusals", "{message}", "Messages the guide does not cover (NotCovered) or that ask what it is not for (Business).");
        _rateLimited = _meter.CreateCounter<long>("cleansebot.rate_limited", "{request}", "Requests refused with 429, by the limit they met (limit).");
        _questionLogDropped = _meter.CreateCounter<long>("cleansebot.question_log.dropped", "{turn}", "Turns the question log did not keep, by why (reason): its queue was full, or the store failed.");
        _turnDuration = _meter.CreateHistogram("cleansebot.turn.duration", "s", "Time from a message reaching the bot to its reply sent and the conversation saved.", advice: DurationBuckets);
        _searchDuration = _meter.CreateHistogram("cleansebot.search.duration", "s", "Time to decide a message that searched the guide: warning signs, the searches, the re-ranker when on, the ranking.", advice: DurationBuckets);
        _knowledgeReloads = _meter.CreateCounter<long>("cleansebot.knowledge.reloads", "{reload}", "Knowledge reloads, by how they ended (outcome): Reloaded, Unchanged, Invalid (a file has a mistake; the old index serves) or Failed.");
        _knowledgeReloadDuration = _meter.CreateHistogram<double>("cleansebot.knowledge.reload.duration", "s", "Time from a reload starting to read the knowledge folder to the new index serving, or to the reload being refused.", advice: ReloadBuckets);
        _openStreams = _meter.CreateUpDownCounter<int>("cleansebot.directline.streams", "{stream}", "Direct Line WebSocket streams open now.");
    }

    /// <summary>Starts observing how many Direct Line conversations the service holds; read at each collection, not at each change.</summary>
    public void ObserveConversations(Func<int> count) =>
        _meter.CreateObservableGauge("cleansebot.directline.conversations", count, "{conversation}", "Direct Line conversations held in memory now.");

    public void Decided(Decision decision)
    {
        _messages.Add(1, new KeyValuePair<string, object?>("decision", decision.Kind.ToString()));
        if (decision.RedFlag is { } redFlag)
        {
            _redFlags.Add(1, new KeyValuePair<string, object?>("kind", redFlag.Kind.ToString()));
        }

        if (decision.OverruledSign is { } overruled)
        {
            _overruledSigns.Add(1, new KeyValuePair<string, object?>("kind", overruled.Kind));
        }

        if (decision.Kind is DecisionKind.NotCovered or DecisionKind.Business)
        {
            _refusals.Add(1, new KeyValuePair<string, object?>("decision", decision.Kind.ToString()));
        }

        if (decision.Search is not null)
        {
            _searchDuration.Record(decision.DecidedIn.TotalSeconds);
        }
    }

    public void TurnTook(TimeSpan elapsed) => _turnDuration.Record(elapsed.TotalSeconds);

    public void QuestionLogDropped(QuestionLogDrop reason, int turns) => _questionLogDropped.Add(turns, new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void KnowledgeReloaded(KnowledgeReloadOutcome outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome.ToString());
        _knowledgeReloads.Add(1, tag);
        _knowledgeReloadDuration.Record(elapsed.TotalSeconds, tag);
    }

    public void RateLimited(RateLimit limit) => _rateLimited.Add(1, new KeyValuePair<string, object?>("limit", limit.ToString()));

    /// <summary>Counts a stream as open until the returned count is disposed.</summary>
    public OpenStreamCount StreamOpened()
    {
        _openStreams.Add(1);
        return new OpenStreamCount(_openStreams);
    }
}

/// <summary>One open stream in <c>cleansebot.directline.streams</c>, taken off when disposed.</summary>
internal readonly struct OpenStreamCount(UpDownCounter<int> openStreams) : IDisposable
{
    public void Dispose() => openStreams.Add(-1);
}

/// <summary>Which limit a request refused with 429 met.</summary>
internal enum RateLimit
{
    /// <summary>Requests per client address per second (RateLimiting:RequestsPerClientPerSecond).</summary>
    ClientAddress,

    /// <summary>Messages per conversation per minute (RateLimiting:MessagesPerConversationPerMinute), on /api/messages or Direct Line.</summary>
    Conversation,

    /// <summary>Direct Line conversations one client address may hold (DirectLine:MaxConversationsPerClient).</summary>
    ClientConversations,

    /// <summary>Wrong admin keys from one client address (Admin:MaxFailedAttempts within Admin:FailedAttemptsWindow).</summary>
    AdminKey,
}

/// <summary>Why the question log did not keep a turn.</summary>
internal enum QuestionLogDrop
{
    /// <summary>QuestionLog:QueueCapacity turns were already waiting to be written.</summary>
    QueueFull,

    /// <summary>The database refused the batch the turn was in: down, full, or locked.</summary>
    StoreFailed,
}
