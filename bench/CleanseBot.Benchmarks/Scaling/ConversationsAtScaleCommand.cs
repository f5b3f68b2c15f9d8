using System.Diagnostics;
using System.Globalization;
using CleanseBot.Answering;
using CleanseBot.Bot;
using CleanseBot.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanseBot.Benchmarks.Scaling;

/// <summary>
/// <c>conversations [--sizes 1000,100000,1000000] [--seconds 10]</c>: turns per second when every turn is a new
/// conversation's while the bot remembers N others (ConversationState:MaxConversations = N, so each turn also forgets
/// the least recently used), and the memory that takes. Each size runs in a fresh process of this program
/// (<c>conversations-at N SECONDS</c>), so that its RSS is its own.
/// </summary>
internal static class ConversationsAtScaleCommand
{
    private const int FillBatch = 1_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sizes")?.Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToArray() ?? [1_000, 100_000, 1_000_000];
        var seconds = Option(args, "--seconds") ?? "10";
        Console.WriteLine($"Each turn a new conversation's (a real question, expectReplies, the service's own adapter, {Environment.ProcessorCount} at a time), {seconds} s after {WarmUp.TotalSeconds:N0} s of warm-up, in a fresh process per size.");
        Console.WriteLine();
        Console.WriteLine("| remembered conversations | turns/s | ratio to the first | p50 | p99 | RSS after | managed heap after | fill |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double? first = null;
        foreach (var size in sizes)
        {
            var row = await RunChildAsync(size, seconds).ConfigureAwait(false);
            var turnsPerSecond = double.Parse(row[0], CultureInfo.InvariantCulture);
            first ??= turnsPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {turnsPerSecond:N0} | {turnsPerSecond / first.Value:F2} | {row[1]} ms | {row[2]} ms | {row[3]} MB | {row[4]} MB | {row[5]} s |"));
        }

        return 0;
    }

    /// <summary>One size, in this process: prints turns/s, p50 and p99 in ms, RSS and managed heap in MB, and the fill time, tab-separated.</summary>
    public static async Task<int> RunOneAsync(string[] args)
    {
        var size = int.Parse(args[0], CultureInfo.InvariantCulture);
        var measure = TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture));
        using var service = new ServiceFactory(size);
        var services = service.Services;
        await services.GetRequiredService<KnowledgeIndexProvider>().GetAsync(CancellationToken.None).ConfigureAwait(false);
        var bot = services.GetRequiredService<IBot>();
        var adapter = services.GetRequiredService<CleanseBotAdapter>();

        var fill = Stopwatch.StartNew();
        await FillAsync(services.GetRequiredService<IStorage>(), size).ConfigureAwait(false);
        fill.Stop();

        var messages = RealQuestions.Answerable;
        var next = 0;
        async Task<List<double>> RunAsync(TimeSpan duration)
        {
            var latencies = new List<double>();
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < until)
            {
                // A sequence number no other turn has: every turn is the first of its conversation.
                var sequence = Interlocked.Increment(ref next) + InboundActivities.Conversations;
                var activity = InboundActivities.Message(messages[sequence % messages.Count], sequence);
                activity.Conversation.Id = $"new-{sequence}";
                var started = Stopwatch.GetTimestamp();
                await adapter.ProcessDirectLineActivityAsync(activity, botAppId: null, bot, CancellationToken.None).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        }

        await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() => RunAsync(WarmUp)))).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var all = (await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() => RunAsync(measure)))).ConfigureAwait(false))
            .SelectMany(latencies => latencies).Order().ToList();
        var elapsed = clock.Elapsed.TotalSeconds;

        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{all.Count / elapsed:F1}\t{ScalingCommand.Percentile(all, 50):F2}\t{ScalingCommand.Percentile(all, 99):F2}\t{self.WorkingSet64 / 1048576.0:F0}\t{GC.GetTotalMemory(forceFullCollection: false) / 1048576.0:F0}\t{fill.Elapsed.TotalSeconds:F1}"));
        return 0;
    }

    // What the bot saves for a conversation it answered (ConversationState: its ConversationMemory), written in batches.
    private static async Task FillAsync(IStorage storage, int size)
    {
        for (var start = 0; start < size; start += FillBatch)
        {
            var batch = new Dictionary<string, object>();
            for (var i = start; i < Math.Min(size, start + FillBatch); i++)
            {
                var memory = new ConversationMemory();
                memory.Remember(407);
                batch[$"directline/conversations/remembered-{i}"] = new Dictionary<string, object> { [nameof(ConversationMemory)] = memory };
            }

            await storage.WriteAsync(batch).ConfigureAwait(false);
        }
    }

    private static async Task<string[]> RunChildAsync(int size, string seconds)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ConversationsAtScaleCommand).Assembly.Location);
        }

        foreach (var argument in new[] { "conversations-at", size.ToString(CultureInfo.InvariantCulture), seconds })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        var output = await child.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await child.WaitForExitAsync().ConfigureAwait(false);
        return child.ExitCode == 0
            ? output.Trim().Split('\n')[^1].Split('\t')
            : throw new InvalidOperationException($"The run for {size:N0} conversations failed with exit code {child.ExitCode}.");
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is >= 0 and var at && at + 1 < args.Length ? args[at + 1] : null;

    /// <summary>The service's own composition, logging off, remembering up to <c>size</c> conversations.</summary>
    private sealed class ServiceFactory(int size) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            builder.ConfigureLogging(logging => logging.ClearProviders());
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConversationState:MaxConversations"] = size.ToString(CultureInfo.InvariantCulture),
            }));
        }
    }
}
