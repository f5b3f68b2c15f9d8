using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CleanseBot.Benchmarks.Load;

/// <summary>
/// <c>reload-under-load [--seconds 60] [--warmup 15] [--connections 8] [--every 3]</c>: runs the bot as deployed
/// (<c>dotnet CleanseBot.dll</c>, its own process) on a copy of the real knowledge, keeps CONNECTIONS closed loops of
/// real questions going, and every EVERY seconds saves a new pair into a .qna file (the folder watcher reloads) and
/// asks POST /admin/knowledge/reload too (coalesced with it). /healthz shows when the new knowledge serves, and the new
/// pair's question is then asked once. Turns that started between a save and 250 ms after the swap count as "during a
/// reload"; the rest, after the warm-up, as "steady": the same run, side by side. Prints failed turns, the reloads,
/// and the latency percentiles of both.
/// </summary>
internal static partial class ReloadUnderLoadCommand
{
    private const string AdminKey = "reload-bench";
    private static readonly TimeSpan AfterSwap = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SwapGivesUp = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 60);
        var warmup = Option(args, "--warmup", 15);
        var connections = Option(args, "--connections", 8);
        var every = Option(args, "--every", 3);

        var knowledge = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cleansebot-reload-bench-" + Guid.NewGuid().ToString("N"))).FullName;
        foreach (var file in Directory.GetFiles(RealKnowledge.Folder))
        {
            File.Copy(file, Path.Combine(knowledge, Path.GetFileName(file)));
        }

        var port = FreePort();
        var log = new StringBuilder();
        using var service = StartService(port, knowledge, log);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections + 2 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await WaitUntilReadyAsync(client, service).ConfigureAwait(false);
            var questions = RealQuestions.Answerable;
            var turns = new List<Turn>();
            var failures = new List<string>();
            var clock = Stopwatch.StartNew();
            var end = TimeSpan.FromSeconds(warmup + seconds);
            var loops = Enumerable.Range(0, connections).Select(connection => Task.Run(async () =>
            {
                for (var sequence = connection; clock.Elapsed < end; sequence += connections)
                {
                    var turn = await AskAsync(client, questions[sequence % questions.Count], sequence, clock).ConfigureAwait(false);
                    lock (turns)
                    {
                        turns.Add(turn);
                        if (turn.Failure is not null)
                        {
                            failures.Add(turn.Failure);
                        }
                    }
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(warmup)).ConfigureAwait(false);
            var steadyFrom = clock.Elapsed;
            var reloads = new List<Reload>();
            var fingerprint = await FingerprintAsync(client).ConfigureAwait(false);
            for (var id = 9000; clock.Elapsed + TimeSpan.FromSeconds(every) < end; id++)
            {
                var reload = await ReloadAsync(client, knowledge, id, fingerprint, clock).ConfigureAwait(false);
                reloads.Add(reload);
                fingerprint = reload.Fingerprint;
                var next = steadyFrom + TimeSpan.FromSeconds(every * (reloads.Count + 1));
                if (next > clock.Elapsed)
                {
                    await Task.Delay(next - clock.Elapsed).ConfigureAwait(false);
                }
            }

            await Task.WhenAll(loops).ConfigureAwait(false);
            Report(turns, failures, reloads, steadyFrom, connections, every, log.ToString());
            return failures.Count == 0 && reloads.All(reload => reload.Answered) ? 0 : 1;
        }
        finally
        {
            if (!service.HasExited)
            {
                service.Kill(entireProcessTree: true);
                await service.WaitForExitAsync().ConfigureAwait(false);
            }

            Directory.Delete(knowledge, recursive: true);
        }
    }

    private static async Task<Reload> ReloadAsync(HttpClient client, string knowledge, int id, string fingerprint, Stopwatch clock)
    {
        var question = $"what is a zebra{id} facial";
        var answer = $"Zebra{id} facials are a made-up treatment";
        var saved = clock.Elapsed;
        await File.AppendAllTextAsync(Path.Combine(knowledge, "08-faq.qna"), $"\n\n<a id=\"{id}\"></a>\n\n## ? {question}\n\n```\n{answer}, here to measure a reload under load.\n```\n").ConfigureAwait(false);

        // A second trigger at once, as a content owner who saves and also presses "reload" would: coalesced, not doubled.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/knowledge/reload");
        request.Headers.Add("X-Api-Key", AdminKey);
        var endpoint = client.SendAsync(request);

        // The swap is watched on /healthz, which costs next to nothing: a probe asking questions would itself load the
        // service during reloads only, and bias the comparison.
        var before = fingerprint;
        while (clock.Elapsed - saved < SwapGivesUp)
        {
            var now = await FingerprintAsync(client).ConfigureAwait(false);
            if (now != before)
            {
                var swapped = clock.Elapsed;
                using var response = await endpoint.ConfigureAwait(false);
                var turn = await AskAsync(client, question, 1_000_000 + id, clock).ConfigureAwait(false);
                return new Reload(saved, swapped, turn.Text.Contains(answer, StringComparison.Ordinal), (int)response.StatusCode, now);
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return new Reload(saved, clock.Elapsed, false, 0, before);
    }

    private static async Task<string> FingerprintAsync(HttpClient client)
    {
        using var health = JsonDocument.Parse(await client.GetStringAsync("/healthz").ConfigureAwait(false));
        return health.RootElement.GetProperty("fingerprint").GetString()!;
    }

    private static async Task<Turn> AskAsync(HttpClient client, string question, int sequence, Stopwatch clock)
    {
        var started = clock.Elapsed;
        try
        {
            using var content = new StringContent(InboundActivities.Json(question, sequence), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/api/messages", content).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var elapsed = clock.Elapsed - started;
            var failure = response.StatusCode != HttpStatusCode.OK ? $"{(int)response.StatusCode}: {body}"
                : body.Contains("something went wrong", StringComparison.Ordinal) ? "apology: " + question
                : null;
            return new Turn(started, elapsed, body, failure);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return new Turn(started, clock.Elapsed - started, string.Empty, error.GetType().Name + ": " + error.Message);
        }
    }

    private static void Report(List<Turn> turns, List<string> failures, List<Reload> reloads, TimeSpan steadyFrom, int connections, int every, string log)
    {
        bool During(Turn turn) => reloads.Any(reload => turn.Started >= reload.Saved && turn.Started <= reload.Swapped + AfterSwap);
        var measured = turns.Where(turn => turn.Started >= steadyFrom && turn.Failure is null).ToList();
        var during = measured.Where(During).Select(turn => turn.Elapsed.TotalMilliseconds).Order().ToArray();
        var steady = measured.Where(turn => !During(turn)).Select(turn => turn.Elapsed.TotalMilliseconds).Order().ToArray();
        var swaps = reloads.Select(reload => (reload.Swapped - reload.Saved).TotalMilliseconds).Order().ToArray();
        var built = ReloadedIn().Matches(log).Select(match => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToArray();

        Console.WriteLine($"reload under load: {connections} connections, a saved .qna (and POST /admin/knowledge/reload) every {every} s, {Environment.ProcessorCount} cores");
        Console.WriteLine($"turns: {turns.Count} ({measured.Count} after warm-up: {steady.Length} steady, {during.Length} during a reload); failed: {failures.Count}");
        foreach (var failure in failures.Take(5))
        {
            Console.WriteLine("  failed: " + failure[..Math.Min(failure.Length, 200)]);
        }

        Console.WriteLine($"reloads: {reloads.Count} saves, new pair answered after {reloads.Count(reload => reload.Answered)}; endpoint answered {string.Join(", ", reloads.GroupBy(reload => reload.EndpointStatus).Select(group => $"{group.Key} x{group.Count()}"))}");
        Console.WriteLine($"  save to new index serving: median {Percentile(swaps, 0.5):F0} ms, max {swaps.LastOrDefault():F0} ms (the POST starts it at once; the watcher's own trigger, after Knowledge:ReloadDebounce, then finds it unchanged)");
        Console.WriteLine($"  reloads the service logged: {built.Length}, built and swapped in median {Percentile(built, 0.5):F0} ms, max {built.LastOrDefault():F0} ms");
        Console.WriteLine($"{"latency (ms)",-22}{"p50",8}{"p90",8}{"p99",8}{"max",8}");
        Console.WriteLine($"{"steady",-22}{Percentile(steady, 0.5),8:F1}{Percentile(steady, 0.9),8:F1}{Percentile(steady, 0.99),8:F1}{steady.LastOrDefault(),8:F1}");
        Console.WriteLine($"{"during a reload",-22}{Percentile(during, 0.5),8:F1}{Percentile(during, 0.9),8:F1}{Percentile(during, 0.99),8:F1}{during.LastOrDefault(),8:F1}");
        Console.WriteLine($"p99 during a reload / steady: {Percentile(during, 0.99) / Percentile(steady, 0.99):F2}x (target <= 2x)");
    }

    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)];

    private static Process StartService(int port, string knowledge, StringBuilder log)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "CleanseBot.dll"),
                "--urls", $"http://127.0.0.1:{port}",
                "--RateLimiting:Enabled=false",
                $"--Knowledge:Folder={knowledge}",
                $"--Admin:ApiKey={AdminKey}",
            },
            Environment = { ["Logging__Console__FormatterName"] = "simple", ["Logging__Console__FormatterOptions__SingleLine"] = "true" },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start CleanseBot.dll.");
        process.OutputDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process service)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !service.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("/healthz").ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new InvalidOperationException("CleanseBot did not get ready.");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is >= 0 and var at && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;

    [GeneratedRegex(@"Knowledge reloaded \([^)]*\): \d+ QnA pairs, knowledge \w+, in (\d+) ms")]
    private static partial Regex ReloadedIn();

    private sealed record Turn(TimeSpan Started, TimeSpan Elapsed, string Text, string? Failure);

    private sealed record Reload(TimeSpan Saved, TimeSpan Swapped, bool Answered, int EndpointStatus, string Fingerprint);
}
