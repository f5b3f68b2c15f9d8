using System.Diagnostics;
using System.Globalization;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Benchmarks.Scaling;

/// <summary>
/// <c>scaling [--sizes 1000,10000,100000]</c>: for the real knowledge and for synthetic knowledge of each size,
/// prints the index build time, the memory the index keeps, and the latency of one search (p50, p99, p99.9, max)
/// over the evaluation set's answerable messages, one at a time on one thread.
/// </summary>
internal static class ScalingCommand
{
    private const int MinSamples = 3_000;
    private static readonly TimeSpan MaxSampling = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length == 2 && args[0] == "--sizes"
            ? args[1].Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToArray()
            : [1_000, 10_000, 100_000];
        var guide = await KnowledgeBase.LoadAsync(RealKnowledge.Folder, CancellationToken.None).ConfigureAwait(false);
        var messages = RealQuestions.Answerable;

        // Once untimed, so that the first row's build time is not the JIT compiler's.
        KnowledgeIndex.Build(guide).Dispose();

        Console.WriteLine($"Search: {messages.Count} answerable messages of evaluation/questions.tsv in turn, 3 candidates, one thread; at least {MinSamples:N0} searches or {MaxSampling.TotalSeconds:N0} s per size.");
        Console.WriteLine();
        Console.WriteLine("| units | knowledge text | index build | index memory | search p50 | p99 | p99.9 | max | allocated per search |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in sizes.Prepend(guide.Pairs.Count))
        {
            Console.WriteLine(Measure(guide, size, messages));
        }

        return 0;
    }

    private static string Measure(KnowledgeBase guide, int size, IReadOnlyList<string> messages)
    {
        var empty = SettledHeap();
        var knowledge = size == guide.Pairs.Count ? guide : SyntheticKnowledge.Generate(guide, size);
        var withKnowledge = SettledHeap();

        var stopwatch = Stopwatch.StartNew();
        using var index = KnowledgeIndex.Build(knowledge);
        var build = stopwatch.Elapsed;
        var withIndex = SettledHeap();

        foreach (var message in messages.Concat(messages))
        {
            index.Search(message, 3);
        }

        var latencies = new List<double>(MinSamples * 2);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        stopwatch.Restart();
        while (latencies.Count < MinSamples && stopwatch.Elapsed < MaxSampling)
        {
            foreach (var message in messages)
            {
                var started = Stopwatch.GetTimestamp();
                index.Search(message, 3);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / latencies.Count;
        latencies.Sort();
        GC.KeepAlive(knowledge);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {Megabytes(withKnowledge - empty)} | {build.TotalSeconds:F2} s | {Megabytes(withIndex - withKnowledge)} | " +
            $"{Micros(Percentile(latencies, 50))} | {Micros(Percentile(latencies, 99))} | {Micros(Percentile(latencies, 99.9))} | {Micros(latencies[^1])} | {allocated / 1024.0:F1} KB |");
    }

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>The value at <paramref name="percent"/> of sorted samples (nearest rank).</summary>
    internal static double Percentile(List<double> sorted, double percent) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100 * sorted.Count) - 1)];

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB");

    private static string Micros(double micros) => micros >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{micros / 1000:F2} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{micros:F0} µs");
}
