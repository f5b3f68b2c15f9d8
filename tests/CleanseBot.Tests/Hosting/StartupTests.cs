using System.Diagnostics;
using CleanseBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanseBot.Tests.Hosting;

/// <summary>The service refuses to run with settings or knowledge it cannot use, and says why.</summary>
public sealed class StartupTests
{
    // Built the way Program.cs builds it rather than through WebApplicationFactory, whose own start-up code races
    // with a host that fails to start and sometimes reports an ObjectDisposedException instead of the real error.
    [Theory]
    [InlineData("Answering:ConfidenceThreshold", "2")]
    [InlineData("Answering:MaxMessageLength", "0")]
    [InlineData("Answering:SafetyNudge", "")]
    [InlineData("Answering:ContactText", "")]
    [InlineData("Answering:WarningSignVeto", "0.7", "Answering:WarningSignVeto must be below Answering:WarningSignThreshold")]
    [InlineData("Knowledge:Folder", "")]
    [InlineData("Admin:MaxFailedAttempts", "0")]
    [InlineData("Admin:ApiKey", "short-and-guessable", "Admin:ApiKey must be at least 32 characters")]
    [InlineData("Admin:ApiKey", "a key of thirty-two characters or more, with spaces", "Admin:ApiKey must be at least 32 characters without spaces")]
    public async Task Refuses_to_start_with_an_invalid_setting_and_names_it(string key, string value, string? says = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection([new(key, value), new("Urls", "http://127.0.0.1:0")]);
        builder.Logging.ClearProviders();
        builder.AddCleanseBot();
        await using var app = builder.Build();

        // Settings that decide what is mapped (RateLimiting, Admin) are checked as it is mapped, the rest as it starts.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
        {
            app.MapCleanseBot();
            return app.StartAsync();
        });

        // "Folder: The KnowledgeOptions.Folder field is required."
        Assert.Contains(says ?? $"{key.Split(':')[^1]}: The ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_start_when_the_metrics_switch_is_neither_true_nor_false_and_names_it()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection([new("Telemetry:Metrics:Enabled", "sometimes"), new("Urls", "http://127.0.0.1:0")]);
        builder.Logging.ClearProviders();
        builder.AddCleanseBot();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapCleanseBot());

        Assert.Contains("Telemetry:Metrics:Enabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_with_code_1_and_a_critical_log_naming_the_folder_when_the_knowledge_folder_does_not_exist()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cleansebot-no-knowledge-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(DotnetHost(), ["CleanseBot.dll", "--urls", "http://127.0.0.1:0", "--Knowledge:Folder", folder])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Logging__Console__FormatterName"] = "simple" },
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The service kept running without its knowledge:\n{await output}");
        }

        var log = await output + await errors;
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("crit: CleanseBot.Hosting.KnowledgeIndexLoader", log, StringComparison.Ordinal);
        Assert.Contains($"Cannot build the knowledge index from {folder}", log, StringComparison.Ordinal);
    }

    // The test host runs on the same dotnet that should run the service.
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
