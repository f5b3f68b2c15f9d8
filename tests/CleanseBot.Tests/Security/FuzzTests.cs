using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;
using Xunit.Abstractions;

namespace CleanseBot.Tests.Security;

/// <summary>
/// Whatever arrives at /api/messages, the service answers it as the sender's problem or not at all, never as its
/// own failure, and keeps answering questions. The service runs in a process of its own, so that a crash shows as
/// a crash rather than taking the test run down with it.
/// </summary>
public sealed partial class FuzzTests(ITestOutputHelper output)
{
    // Reproducible by default; CLEANSEBOT_FUZZ_SEED and CLEANSEBOT_FUZZ_CASES explore further.
    private const int DefaultSeed = 52_025;
    private const int DefaultCases = 10_000;
    private const int Clients = 4;

    [Fact]
    public async Task Takes_ten_thousand_fuzzed_activities_without_a_server_error_and_still_answers_afterwards()
    {
        var seed = Setting("CLEANSEBOT_FUZZ_SEED", DefaultSeed);
        var count = Setting("CLEANSEBOT_FUZZ_CASES", DefaultCases);
        output.WriteLine($"Fuzz seed {seed} ({count} cases); set CLEANSEBOT_FUZZ_SEED to run another set.");
        await using var connector = await SinkConnector.StartAsync();
        await using var service = await CleanseBotProcess.StartAsync(new Dictionary<string, string> { ["RateLimiting:Enabled"] = "false" }, new Dictionary<string, string>());
        var fuzzer = new ActivityFuzzer(connector.ServiceUrl, AppSettings.MaxRequestBodyBytes);
        var master = new Random(seed);
#pragma warning disable CA5394 // Reproducible pseudo-random junk is the point.
        var seeds = Enumerable.Range(0, count).Select(_ => master.Next()).ToArray();
#pragma warning restore CA5394

        var started = DateTime.UtcNow;
        var results = new ConcurrentBag<Outcome>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = service.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            for (var index = Interlocked.Increment(ref next); index < count; index = Interlocked.Increment(ref next))
            {
                results.Add(await SendAsync(client, fuzzer.Generate(seeds[index])));
            }
        }));
        var elapsed = DateTime.UtcNow - started;

        output.WriteLine(Report(results, elapsed, connector.Received));
        var serverErrors = results.Where(outcome => outcome.Status >= 500).ToList();
        // Having answered 413, the server may close the connection while the client is still sending: no response, but a refusal.
        var maxBodyBytes = AppSettings.MaxRequestBodyBytes;
        var transportErrors = results.Where(outcome => outcome.Error is not null && outcome.Case.Body.Length <= maxBodyBytes).ToList();
        var log = service.Log;
        var failures = FailureEntries().Matches(log).Select(match => match.Value).ToList();
        var kindsOfFailure = failures.GroupBy(Signature).OrderByDescending(group => group.Count()).Select(group => $"{group.Count()} × {FirstLines(group.First())}").ToList();
        output.WriteLine($"The service logged {failures.Count} errors{(failures.Count == 0 ? "." : ":")}");
        output.WriteLine(string.Join("\n", kindsOfFailure));

        var replies = await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies("Why choose an alcohol-free toner?"));
        Expect.AnswerOf(407, Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));

        var problems = new StringBuilder();
        if (serverErrors.Count > 0)
        {
            problems.AppendLine(CultureInfo.InvariantCulture, $"{serverErrors.Count} server errors, such as:\n{Describe(serverErrors)}");
        }

        if (transportErrors.Count > 0)
        {
            problems.AppendLine(CultureInfo.InvariantCulture, $"{transportErrors.Count} requests got no response, such as:\n{Describe(transportErrors)}");
        }

        if (failures.Count > 0)
        {
            problems.AppendLine(CultureInfo.InvariantCulture, $"{failures.Count} errors in the service log:\n{string.Join("\n", kindsOfFailure)}");
        }

        Assert.True(results.Count == count, $"Sent {results.Count} of {count} cases.");
        Assert.True(problems.Length == 0, $"Fuzz seed {seed}:\n{problems}");
    }

    private static async Task<Outcome> SendAsync(HttpClient client, FuzzCase fuzz)
    {
        // Every tenth case goes in chunks, so that the body limit is met both announced and unannounced.
        using HttpContent content = fuzz.Seed % 10 == 0 ? new ChunkedContent(fuzz.Body) : new ByteArrayContent(fuzz.Body);
        content.Headers.Remove("Content-Type");
        if (fuzz.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        }

        try
        {
            using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
            var body = await response.Content.ReadAsStringAsync();
            return new Outcome(fuzz, (int)response.StatusCode, body, Error: null);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return new Outcome(fuzz, Status: 0, Body: "", error.GetBaseException().Message);
        }
    }

    private static string Report(IReadOnlyCollection<Outcome> results, TimeSpan elapsed, int repliesToConnector)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Sent {results.Count} in {elapsed.TotalSeconds:F1} s; the bot sent {repliesToConnector} activities to the connector.");
        report.AppendLine(CultureInfo.InvariantCulture, $"2xx: {results.Count(r => r.Status is >= 200 and < 300)}");
        foreach (var group in results.Where(r => r.Status is >= 400 and < 500).GroupBy(r => r.Status).OrderBy(g => g.Key))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{group.Key}: {group.Count()}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"5xx: {results.Count(r => r.Status >= 500)}");
        report.AppendLine(CultureInfo.InvariantCulture, $"no response (connection closed): {results.Count(r => r.Error is not null)}");
        report.AppendLine("By kind:");
        foreach (var kind in results.GroupBy(r => r.Case.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", kind.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
            report.AppendLine(CultureInfo.InvariantCulture, $"  {kind.Key}: {kind.Count()} ({statuses})");
        }

        return report.ToString();
    }

    private static string Describe(IEnumerable<Outcome> outcomes) => string.Join("\n", outcomes.Take(10).Select(outcome =>
        $"case seed {outcome.Case.Seed} ({outcome.Case.Kind}, {outcome.Case.Body.Length} bytes): {(outcome.Error ?? outcome.Status.ToString(CultureInfo.InvariantCulture))} " +
        $"{outcome.Body[..Math.Min(200, outcome.Body.Length)]}\n  body: {Encoding.UTF8.GetString(outcome.Case.Body[..Math.Min(300, outcome.Case.Body.Length)])}"));

    private static string FirstLines(string entry) => string.Join("\n", entry.Split('\n').Take(3));

    // The level and category and the exception's first line: enough to tell one kind of failure from another.
    private static string Signature(string entry) => string.Join("\n", entry.Split('\n').Take(3).Where((_, line) => line != 1));

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    // A "fail:" or "crit:" entry of the simple console formatter, with the lines of its message and exception.
    [GeneratedRegex(@"^(fail|crit): .*(\n {6}.*)*", RegexOptions.Multiline)]
    private static partial Regex FailureEntries();

    private sealed record Outcome(FuzzCase Case, int Status, string Body, string? Error);
}
