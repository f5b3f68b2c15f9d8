using System.Globalization;

namespace CleanseBot.Benchmarks.Load;

/// <summary>
/// <c>load-report FILE</c>: reads what bench/load/run.sh recorded (tab-separated lines
/// <c>load BOT ROUND REQUESTS SECONDS ERRORS P50_US P99_US P999_US CPU_SECONDS</c>, <c>start BOT MS CPU_MS START</c>, <c>rss BOT KB</c>)
/// and prints each round, the medians, the ratios CleanseBot/floor and the issue's targets.
/// </summary>
internal static class LoadReportCommand
{
    private const string Floor = "echo";
    private const string Bot = "cleansebot";

    // CleanseBot started with no saved index, as after a new build or a knowledge change.
    private const string BuildingBot = "cleansebot-building";

    public static int Run(string[] args)
    {
        var lines = File.ReadAllLines(args[0]).Select(line => line.Split('\t')).ToList();
        var rounds = lines.Where(f => f[0] == "load").Select(f => new Round(
            f[1], Int(f[2]), Long(f[3]), Double(f[4]), Long(f[5]), Double(f[6]) / 1000, Double(f[7]) / 1000, Double(f[8]) / 1000, Double(f[9]))).ToList();
        var startLines = lines.Where(f => f[0] == "start").Select(f => new Start(f[1], Double(f[2]), Double(f[3]), Int(f[4]))).ToList();
        var starts = startLines.ToLookup(s => s.Bot);
        var rss = lines.Where(f => f[0] == "rss").ToDictionary(f => f[1], f => Long(f[2]) / 1024.0);

        Console.WriteLine("| round | bot | messages/s | p50 | p99 | p99.9 | server CPU per message | errors |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var round in rounds)
        {
            Console.WriteLine(Invariant($"| {round.Number} | {round.Bot} | {round.Rate:N0} | {round.P50:F2} ms | {round.P99:F2} ms | {round.P999:F2} ms | {round.CpuPerMessage:F0} µs | {round.Errors} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Medians over the rounds; start = process start to first answer, median of the cold starts (CleanseBot's opening the index an earlier start saved); peak RSS = VmHWM after the run.");
        Console.WriteLine();
        Console.WriteLine("| bot | messages/s | p50 | p99 | p99.9 | server CPU per message | start to first answer | peak RSS |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var summaries = new Dictionary<string, Summary>();
        foreach (var bot in new[] { Floor, Bot })
        {
            var mine = rounds.Where(round => round.Bot == bot).ToList();
            var summary = new Summary(
                Median(mine.Select(r => r.Rate)), Median(mine.Select(r => r.P50)), Median(mine.Select(r => r.P99)), Median(mine.Select(r => r.P999)),
                Median(mine.Select(r => r.CpuPerMessage)), Median(starts[bot].Select(s => s.Ms)), rss.GetValueOrDefault(bot));
            summaries[bot] = summary;
            Console.WriteLine(Invariant($"| {bot} | {summary.Rate:N0} | {summary.P50:F2} ms | {summary.P99:F2} ms | {summary.P999:F2} ms | {summary.CpuPerMessage:F0} µs | {summary.Start:F0} ms | {summary.RssMb:F0} MB |"));
        }

        var (floor, cleanseBot) = (summaries[Floor], summaries[Bot]);
        Console.WriteLine();
        Console.WriteLine("| CleanseBot / floor | ratio | target | met |");
        Console.WriteLine("| --- | ---: | ---: | --- |");
        Target("throughput", cleanseBot.Rate / floor.Rate, "≥ 0.85", cleanseBot.Rate / floor.Rate >= 0.85);
        Target("p50 latency", cleanseBot.P50 / floor.P50, "-", null);
        Target("p99 latency", cleanseBot.P99 / floor.P99, "≤ 1.3", cleanseBot.P99 / floor.P99 <= 1.3);
        Target("p99.9 latency", cleanseBot.P999 / floor.P999, "-", null);
        Target("server CPU per message", cleanseBot.CpuPerMessage / floor.CpuPerMessage, "-", null);
        Target("start to first answer", cleanseBot.Start / floor.Start, "≤ 1.25", cleanseBot.Start / floor.Start <= 1.25);

        // Less moved by a machine whose load drifts during the run: each start against the floor's start next to it,
        // and the CPU each process had used by its first answer, which other processes' load barely changes.
        var floorStarts = startLines.Where(s => s.Bot == Floor).ToDictionary(s => s.Number);
        var paired = startLines.Where(s => s.Bot == Bot && floorStarts.ContainsKey(s.Number)).Select(s => s.Ms / floorStarts[s.Number].Ms);
        Target("start to first answer, median of each start's ratio to the floor's start beside it", Median(paired), "-", null);
        var (botCpu, floorCpu) = (Median(starts[Bot].Select(s => s.CpuMs)), Median(starts[Floor].Select(s => s.CpuMs)));
        Target(Invariant($"CPU used by the time of the first answer ({botCpu:F0} against {floorCpu:F0} ms)"), botCpu / floorCpu, "-", null);
        if (starts.Contains(BuildingBot))
        {
            var building = Median(starts[BuildingBot].Select(s => s.Ms));
            Target(Invariant($"start to first answer, building the index ({building:F0} ms)"), building / floor.Start, "-", null);
        }

        Target("peak RSS", cleanseBot.RssMb / floor.RssMb, "-", null);
        Console.WriteLine(Invariant($"| peak RSS of CleanseBot under load | {cleanseBot.RssMb:F0} MB | ≤ 200 MB | {(cleanseBot.RssMb <= 200 ? "yes" : "no")} |"));
        var errors = rounds.Sum(round => round.Errors);
        if (errors > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"{errors} requests failed or answered with a status other than 2xx: the figures above are not to be trusted.");
        }

        return errors > 0 ? 1 : 0;
    }

    private static void Target(string name, double ratio, string target, bool? met) =>
        Console.WriteLine(Invariant($"| {name} | {ratio:F2} | {target} | {(met is null ? "-" : met.Value ? "yes" : "no")} |"));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Round(string Bot, int Number, long Requests, double Seconds, long Errors, double P50, double P99, double P999, double CpuSeconds)
    {
        public double Rate => Requests / Seconds;

        public double CpuPerMessage => CpuSeconds * 1e6 / Requests;
    }

    private sealed record Start(string Bot, double Ms, double CpuMs, int Number);

    private sealed record Summary(double Rate, double P50, double P99, double P999, double CpuPerMessage, double Start, double RssMb);
}
