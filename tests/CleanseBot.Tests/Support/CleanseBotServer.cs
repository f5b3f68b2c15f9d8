using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanseBot.Tests.Support;

/// <summary>
/// The real service (Program.cs and all) on real Kestrel, listening on 127.0.0.1 at a port the OS picks:
/// requests travel over TCP exactly as the Emulator's or a channel's would.
/// </summary>
public sealed class CleanseBotServer : WebApplicationFactory<Program>
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public CleanseBotServer()
        : this(new Dictionary<string, string?>(), null)
    {
    }

    internal CleanseBotServer(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _services = services;
        this.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    internal RecordingLoggerProvider Logs { get; } = new();

    /// <summary>What each GET /healthz answered while <see cref="StartAndWaitUntilReadyAsync"/> waited.</summary>
    internal List<(HttpStatusCode Status, string Body)> HealthChecks { get; } = [];

    /// <summary>Starts the server and polls GET /healthz until the knowledge index is loaded.</summary>
    internal async Task StartAndWaitUntilReadyAsync()
    {
        StartServer();
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            HealthChecks.Add((response.StatusCode, body));
            if (!body.Contains("\"loading\"", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As deployed; the factory's default, Development, would add the developer exception page.
        builder.UseEnvironment(Environments.Production);
        // Added last, so these settings win over appsettings.json as an environment variable would.
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
