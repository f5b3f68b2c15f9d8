using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CleanseBot.Tests.Support;

/// <summary>
/// A real redis-server of the test's own (Debian's, installed by .ci/run), on a free loopback port, in a temporary
/// folder, with nothing persisted. It can be stopped and started again on the same port, as an outage would.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    // REDIS_SERVER_PATH points elsewhere, as CHROMIUM_PATH does for the browser tests.
    private static readonly string Binary = Environment.GetEnvironmentVariable("REDIS_SERVER_PATH") is { Length: > 0 } path ? path : "/usr/bin/redis-server";

    private readonly string _folder = Directory.CreateTempSubdirectory("cleansebot-redis-").FullName;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The value for Redis:Configuration.</summary>
    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <param name="port">A port of the test's choosing, e.g. one a service was told about before Redis was there; a free one by default.</param>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: apt-get install redis-server (.ci/run does), or set REDIS_SERVER_PATH.");
        }

        var server = new RedisServer(port ?? FreePort.Next());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port, empty.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Binary)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList =
            {
                "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _folder,
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes",
            },
        };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(10), () => Log);
    }

    /// <summary>Kills the server, as a crash or a lost network would take it away.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

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

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
