using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace CleanseBot.Benchmarks.Load;

/// <summary>
/// <c>first-answer --url URL [--cpu] -- COMMAND ARGS...</c>: starts COMMAND, POSTs an expectReplies question to URL
/// every 5 ms until a reply comes back, prints the milliseconds from process start to that reply (with --cpu, then a
/// tab and the CPU milliseconds the process had used by then), and stops the process.
/// </summary>
internal static class FirstAnswerCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        if (separator < 0 || separator + 1 == args.Length || Array.IndexOf(args, "--url") is not (>= 0 and var at) || at + 1 >= separator)
        {
            throw new ArgumentException("usage: first-answer --url URL [--cpu] -- COMMAND ARGS...");
        }

        var url = new Uri(args[at + 1]);
        var withCpu = Array.IndexOf(args, "--cpu") is >= 0 and var cpuAt && cpuAt < separator;
        var body = InboundActivities.Json(RealQuestions.Answerable[0], 0);
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) }) { Timeout = GiveUp };

        // This process's own first request, against the not yet started server: its JIT time is not the server's.
        await TryAnswerAsync(client, url, body).ConfigureAwait(false);

        var start = new ProcessStartInfo(args[separator + 1], args[(separator + 2)..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (!await TryAnswerAsync(client, url, body).ConfigureAwait(false))
            {
                if (process.HasExited || stopwatch.Elapsed > GiveUp)
                {
                    Console.Error.WriteLine($"No answer from {url} (process exited: {process.HasExited}).");
                    return 1;
                }

                await Task.Delay(Poll).ConfigureAwait(false);
            }

            var elapsed = stopwatch.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
            process.Refresh();
            Console.WriteLine(withCpu ? $"{elapsed}\t{process.TotalProcessorTime.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)}" : elapsed);
            return 0;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    private static async Task<bool> TryAnswerAsync(HttpClient client, Uri url, string body)
    {
        try
        {
            using var content = new StringContent(body, MediaTypeHeaderValue.Parse("application/json"));
            using var response = await client.PostAsync(url, content).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return response.IsSuccessStatusCode && text.Contains("\"message\"", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
