using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace CleanseBot.Tests.Security;

/// <summary>
/// The service as it is deployed: <c>dotnet CleanseBot.dll</c> in a process of its own, with its own environment
/// (such as the certificates it trusts, which .NET reads once per process) and its console log captured.
/// </summary>
internal sealed partial class CleanseBotProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastWrite = Environment.TickCount64;
    private bool _disposed;

    private CleanseBotProcess(Process process) => _process = process;

    /// <summary>A client for the service's address, once it has started.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The service's peak resident memory so far (VmHWM), in bytes, as Linux counts it.</summary>
    public long PeakResidentBytes => StatusKilobytes("VmHWM") * 1024;

    /// <summary>Everything the service wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the service with these settings and waits until it answers questions.</summary>
    /// <param name="settings">Configuration keys and values, passed as command-line arguments.</param>
    /// <param name="environment">Extra environment variables for the process.</param>
    public static async Task<CleanseBotProcess> StartAsync(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { "CleanseBot.dll", "--urls", "http://127.0.0.1:0" },
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
            },
        };
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new CleanseBotProcess(process);
        process.OutputDataReceived += (_, line) => service.Append(line.Data);
        process.ErrorDataReceived += (_, line) => service.Append(line.Data);
        process.Exited += (_, _) => service._listening.TrySetException(new InvalidOperationException($"The service exited with code {process.ExitCode}:\n{service.Log}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await service._listening.Task.WaitAsync(StartTimeout);
            service.Client = new HttpClient { BaseAddress = address };
            await service.WaitUntilReadyAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the log satisfies <paramref name="condition"/>: the console logger writes in the background.</summary>
    public async Task<string> WaitForLogAsync(Func<string, bool> condition, string description)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var log = Log;
            if (condition(log))
            {
                return log;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The service never logged {description}. Its log:\n{log}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the service has written nothing for a moment, so that the log of a finished request is complete.</summary>
    public async Task<string> WaitForQuietLogAsync()
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (Environment.TickCount64 - Interlocked.Read(ref _lastWrite) < 300 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(50);
        }

        return Log;
    }

    /// <summary>Whether the process is still running (not yet disposed or killed).</summary>
    public bool IsRunning => !_disposed;

    /// <summary>Sends SIGTERM, as an orchestrator stopping the service (docker stop, a rolling deploy) does.</summary>
    public Task SendSigtermAsync() => SendSignalAsync("TERM");

    /// <summary>Sends SIGHUP, as an operator asking the service to reload its knowledge (kill -HUP) does.</summary>
    public Task SendSighupAsync() => SendSignalAsync("HUP");

    private async Task SendSignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to exit by itself.</summary>
    /// <returns>Its exit code.</returns>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var waited = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(waited.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        Interlocked.Exchange(ref _lastWrite, Environment.TickCount64);

        if (ListeningOn().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["address"].Value));
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            using var response = await Client.GetAsync(new Uri("/healthz", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains("\"ready\"", StringComparison.Ordinal))
            {
                return;
            }

            if (!body.Contains("\"loading\"", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The service did not get ready: {body}\n{Log}");
            }

            await Task.Delay(50);
        }
    }

    private long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(line => line.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    // The test host runs on the same dotnet that should run the service.
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    [GeneratedRegex(@"Now listening on: (?<address>http://\S+)")]
    private static partial Regex ListeningOn();
}
