using System.Diagnostics;
using CleanseBot.Answering;
using CleanseBot.Hosting;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Parsing;
using CleanseBot.Knowledge.Search;
using CleanseBot.Reranking;
using CleanseBot.Telemetry;
using Microsoft.Extensions.Options;

namespace CleanseBot.LiveKnowledge;

/// <summary>
/// Reloads the knowledge while the bot answers: reads the folder again, checks it as the KnowledgeCheck tool does,
/// builds the new index aside (or opens its snapshot), prepares it fully (warm-up, spelling, re-ranker) and only
/// then swaps it in, in one step. Until the swap, and for good if the files have a mistake, the old index answers.
/// Triggers that arrive while a reload runs (a burst of saves, SIGHUP, the admin endpoint) are coalesced into one
/// more reload after it, which reads the files as they are by then. When the service stops, a reload under way is
/// abandoned and waited for, so nothing is left writing a snapshot into a folder being removed.
/// </summary>
internal sealed partial class KnowledgeReloader : IHostedService
{
    private readonly KnowledgeIndexProvider _provider;
    private readonly SavedIndexes _snapshots;
    private readonly RerankerOptions _reranker;
    private readonly CleanseBotMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<KnowledgeReloader> _logger;
    private readonly Lock _gate = new();
    private readonly CancellationToken _stopping;

    // The reload that will read the files next, which every trigger until it starts joins; null when none is waiting.
    private PendingReload? _pending;
    private bool _running;
    private Task _runner = Task.CompletedTask;
    private volatile KnowledgeReload? _last;

    public KnowledgeReloader(
        KnowledgeIndexProvider provider,
        SavedIndexes snapshots,
        IOptions<RerankerOptions> reranker,
        CleanseBotMetrics metrics,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILogger<KnowledgeReloader> logger)
    {
        _stopping = lifetime.ApplicationStopping;
        _provider = provider;
        _snapshots = snapshots;
        _reranker = reranker.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>Whether a reload is running now; a trigger now is answered by the one after it.</summary>
    public bool IsReloading
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>The last reload that finished, whatever its outcome; null before the first.</summary>
    public KnowledgeReload? Last => _last;

    /// <summary>
    /// Reloads the knowledge from its folder as it is now. Completes when the reload that read it has finished:
    /// this one, or the one a reload already running queues after itself. Never throws for bad knowledge: the
    /// result says what is wrong.
    /// </summary>
    /// <param name="reason">What asked for the reload, for the log: "file change", "SIGHUP", "admin API".</param>
    public Task<KnowledgeReload> ReloadAsync(string reason, CancellationToken cancellationToken)
    {
        PendingReload pending;
        Task<Task>? runner = null;
        lock (_gate)
        {
            pending = _pending ??= new PendingReload();
            pending.Reasons.Add(reason);
            if (!_running)
            {
                _running = true;
                runner = new Task<Task>(RunPendingAsync);
                _runner = runner.Unwrap();
            }
        }

        // Started outside the lock: the runner takes it at once.
        runner?.Start(TaskScheduler.Default);
        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // ApplicationStopping, signalled before hosted services stop, has already told the reload under way to give up.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task runner;
        lock (_gate)
        {
            runner = _runner;
        }

        await runner.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // One reload at a time, until no trigger waits: a second build alongside the first would only compete with it
    // (and with the visitors' turns) for the same cores, to produce an index the first one's successor replaces.
    private async Task RunPendingAsync()
    {
        while (true)
        {
            PendingReload pending;
            lock (_gate)
            {
                // ReloadAsync starts a runner only with a trigger waiting, and this loop goes round only with one.
                pending = _pending!;
                _pending = null;
            }

            var result = await ReloadNowAsync(string.Join(", ", pending.Reasons)).ConfigureAwait(false);
            _last = result;
            _metrics.KnowledgeReloaded(result.Outcome, result.Elapsed);

            // Idle before the result is out: whoever reads it and triggers again at once must start a reload of its
            // own, not be told one is still running (the admin API's 202) by a runner that has nothing left to do.
            bool idle;
            lock (_gate)
            {
                idle = _pending is null;
                _running = !idle;
            }

            pending.Result.SetResult(result);
            if (idle)
            {
                return;
            }
        }
    }

    private async Task<KnowledgeReload> ReloadNowAsync(string reason)
    {
        var started = Stopwatch.GetTimestamp();
        var folder = _snapshots.Folder;
        try
        {
            // The first index comes from start-up (KnowledgeIndexLoader); a trigger before then reloads after it.
            await _provider.GetAsync(_stopping).ConfigureAwait(false);
            // At the turns' own priority. A nicer thread (Linux setpriority) was tried and was worse: p99 during a reload
            // rose from 1.8-1.9x steady to 2.9-3.3x, and throughput fell by a third (bench reload-under-load), most
            // likely because a garbage collection waits for every thread to stop, the starved reload thread too.
            return await Task.Run(() => Reload(reason, folder, started, _stopping), _stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            LogAbandoned(_logger, reason);
            return Finish(KnowledgeReloadOutcome.Failed, [], started);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A folder gone or a file unreadable is the content's problem, not the service's: reported as a mistake.
            LogUnreadable(_logger, reason, error.Message, _provider.Fingerprint);
            return Finish(KnowledgeReloadOutcome.Invalid, [error.Message], started);
        }
        catch (Exception error)
        {
            LogFailed(_logger, error, reason, folder, _provider.Fingerprint);
            return Finish(KnowledgeReloadOutcome.Failed, [], started);
        }
    }

    private KnowledgeReload Reload(string reason, string folder, long started, CancellationToken stopping)
    {
        var fingerprint = KnowledgeFingerprint.Of(folder);
        if (fingerprint == _provider.Fingerprint)
        {
            LogUnchanged(_logger, reason, fingerprint);
            return Finish(KnowledgeReloadOutcome.Unchanged, [], started);
        }

        // Every mistake at once, as the KnowledgeCheck tool lists them, rather than the first the build meets.
        var check = KnowledgeCheck.Read(folder, stopping);
        if (!check.IsValid)
        {
            return Refuse(reason, folder, check.Problems, started);
        }

        KnowledgeIndex index;
        try
        {
            var knowledge = KnowledgeBase.Load(folder, stopping);
            index = _snapshots.TryOpen(knowledge) ?? KnowledgeIndex.Build(knowledge);
        }
        catch (KnowledgeFormatException problem)
        {
            return Refuse(reason, folder, [problem], started);
        }

        SemanticReranker? reranker = null;
        try
        {
            // Ready for any message before it answers one: what start-up defers to after the first answer, a reload
            // does before the swap, so the first turns on the new index pay nothing the old one had paid already.
            index.WarmUp();
            index.PrepareSpelling();
            if (_reranker.Enabled)
            {
                reranker = SemanticReranker.Create(index.Knowledge, _reranker.Weight, stopping);
            }

            stopping.ThrowIfCancellationRequested();

            _provider.Publish(index, fingerprint, reranker);
        }
        catch
        {
            reranker?.Dispose();
            index.Dispose();
            throw;
        }

        var result = Finish(KnowledgeReloadOutcome.Reloaded, [], started);
        LogReloaded(_logger, reason, index.Knowledge.Pairs.Count, fingerprint, result.Elapsed.TotalMilliseconds);
        _snapshots.Save(index);
        return result;
    }

    private KnowledgeReload Refuse(string reason, string folder, IReadOnlyList<KnowledgeFormatException> problems, long started)
    {
        LogInvalid(_logger, reason, folder, problems.Count, _provider.Fingerprint);
        foreach (var problem in problems)
        {
            LogProblem(_logger, Path.Combine(folder, problem.File), problem.Line, problem.Problem);
        }

        return Finish(KnowledgeReloadOutcome.Invalid, [.. problems.Select(static problem => problem.Message)], started);
    }

    private KnowledgeReload Finish(KnowledgeReloadOutcome outcome, IReadOnlyList<string> problems, long started) =>
        new(outcome, _provider.Fingerprint, _provider.Current?.Knowledge.Pairs.Count ?? 0, problems, Stopwatch.GetElapsedTime(started), _time.GetUtcNow());

    private sealed class PendingReload
    {
        public HashSet<string> Reasons { get; } = [];

        public TaskCompletionSource<KnowledgeReload> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge reloaded ({Reason}): {PairCount} QnA pairs, knowledge {Fingerprint}, in {ElapsedMs:F0} ms")]
    private static partial void LogReloaded(ILogger logger, string reason, int pairCount, string fingerprint, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge reload ({Reason}): the files hold knowledge {Fingerprint}, already serving; nothing to do")]
    private static partial void LogUnchanged(ILogger logger, string reason, string fingerprint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge reload ({Reason}) refused: {ProblemCount} mistake(s) in {Folder}; knowledge {Fingerprint} goes on answering")]
    private static partial void LogInvalid(ILogger logger, string reason, string folder, int problemCount, string? fingerprint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge reload ({Reason}) refused: {Problem} Knowledge {Fingerprint} goes on answering")]
    private static partial void LogUnreadable(ILogger logger, string reason, string problem, string? fingerprint);

    [LoggerMessage(Level = LogLevel.Error, Message = "{File}:{Line}: {Problem}")]
    private static partial void LogProblem(ILogger logger, string file, int line, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge reload ({Reason}) abandoned: the service is stopping")]
    private static partial void LogAbandoned(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge reload ({Reason}) of {Folder} failed; knowledge {Fingerprint} goes on answering")]
    private static partial void LogFailed(ILogger logger, Exception error, string reason, string folder, string? fingerprint);
}
