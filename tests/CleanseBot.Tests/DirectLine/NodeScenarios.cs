using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CleanseBot.Tests.DirectLine;

/// <summary>
/// Runs the Node scenarios in tests/browser (DirectLineJS, and Debian's Chromium through playwright-core) against
/// a running service and returns the JSON each prints on its last line. Installs tests/browser's npm packages on
/// first use, as `npm ci` would in CI. Screenshots go to tests/browser/artifacts/ (git-ignored).
/// </summary>
internal static class NodeScenarios
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static readonly string[] Packages = ["playwright-core", "botframework-directlinejs", "axe-core"];

    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "tests", "browser");

    public static string Artifacts => Path.Combine(Folder, "artifacts");

    /// <summary>Debian's Chromium, as .ci/run installs it; CHROMIUM_PATH may name another.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public static async Task<JsonObject> RunAsync(string script, IDictionary<string, string> environment, TimeSpan timeout)
    {
        await EnsureInstalledAsync();
        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ARTIFACTS"] = Artifacts;
        start.Environment["CHROMIUM_PATH"] = ChromiumPath;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var (exitCode, output, errors) = await RunProcessAsync(start, timeout, $"node {script}");
        var result = output.Split('\n').LastOrDefault(line => line.StartsWith("RESULT ", StringComparison.Ordinal));
        Assert.True(exitCode == 0 && result is not null, $"node {script} failed (exit code {exitCode}):\n{errors}\n{output}");
        return JsonNode.Parse(result!["RESULT ".Length..])!.AsObject();
    }

    /// <summary>Fails the test with the way to fix it when the system's Chromium is missing.</summary>
    public static void RequireChromium() =>
        Assert.True(
            File.Exists(ChromiumPath),
            $"The browser tests need Debian's Chromium at {ChromiumPath}: `apt-get install chromium` (bash .ci/run does), or set CHROMIUM_PATH.");

    private static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (Packages.All(package => File.Exists(Path.Combine(Folder, "node_modules", package, "package.json"))))
            {
                return;
            }

            var install = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
            {
                WorkingDirectory = Folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var (exitCode, output, errors) = await RunProcessAsync(install, InstallTimeout, "npm ci in tests/browser");
            Assert.True(exitCode == 0, $"npm ci in {Folder} failed (Node.js and npm are needed):\n{errors}\n{output}");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout, string what)
    {
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{what} did not start");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            Assert.Fail($"Could not run {what} ({error.Message}); install Node.js and npm.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{what} did not finish within {timeout.TotalSeconds} s:\n{await errors}\n{await output}");
            }

            return (process.ExitCode, await output, await errors);
        }
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

        throw new InvalidOperationException($"No CleanseBot.sln above {AppContext.BaseDirectory}.");
    }
}
