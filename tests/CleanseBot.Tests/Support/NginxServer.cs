using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CleanseBot.Tests.Support;

/// <summary>
/// A real nginx of the test's own (Debian's, installed by .ci/run) running deploy/nginx/cleansebot.conf, with its
/// upstream pointed at the test's replicas and its listener at a free loopback port, in a temporary folder.
/// </summary>
internal sealed partial class NginxServer : IAsyncDisposable
{
    private static readonly string Binary = Environment.GetEnvironmentVariable("NGINX_PATH") is { Length: > 0 } path ? path : "/usr/sbin/nginx";

    private readonly string _folder;
    private readonly Process _process;

    private NginxServer(string folder, Process process, int port)
    {
        _folder = folder;
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
    }

    public HttpClient Client { get; }

    public Uri Address => Client.BaseAddress!;

    /// <param name="upstreams">The replicas' base addresses (http://127.0.0.1:port).</param>
    public static async Task<NginxServer> StartAsync(IEnumerable<Uri> upstreams)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: apt-get install nginx (.ci/run does), or set NGINX_PATH.");
        }

        var folder = Directory.CreateTempSubdirectory("cleansebot-nginx-").FullName;
        var port = FreePort.Next();
        var site = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "nginx", "cleansebot.conf"));
        var servers = string.Concat(upstreams.Select(upstream => $"    server {upstream.Authority} max_fails=1 fail_timeout=5s;\n"));
        site = UpstreamServers().Replace(site, "", 1);
        site = site.Replace("upstream cleansebot {\n", "upstream cleansebot {\n" + servers, StringComparison.Ordinal);
        site = site.Replace("    listen 80;", $"    listen 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)};\n    add_header X-Upstream $upstream_addr always;", StringComparison.Ordinal);
        Assert.Contains(servers, site, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "cleansebot.conf"), site);
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/cleansebot.conf;
            }
            """);

        var start = new ProcessStartInfo(Binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", $"daemon off; pid {folder}/nginx.pid; error_log {folder}/error.log;" },
        };
        var process = Process.Start(start)!;
        var server = new NginxServer(folder, process, port);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(10), server.ErrorLog);
        return server;
    }

    public string ErrorLog()
    {
        var path = Path.Combine(_folder, "error.log");
        var stderr = _process.HasExited ? _process.StandardError.ReadToEnd() : "";
        return (File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : "") + stderr;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CleanseBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with CleanseBot.sln) is not above the test's folder.");
    }

    [GeneratedRegex(@"    server bot-\d:8080[^;]*;\n    server bot-\d:8080[^;]*;\n")]
    private static partial Regex UpstreamServers();
}
