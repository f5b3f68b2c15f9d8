using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CleanseBot.QuestionLog.Tests;

/// <summary>
/// A PostgreSQL server of the tests' own: <c>initdb</c> in a temporary folder, <c>postgres</c> on a free loopback port,
/// stopped and deleted after. Never the machine's service, never a fixed port. PostgreSQL refuses to run as root, so
/// when the tests are root it runs as the <c>postgres</c> user (Debian's package creates it) through <c>runuser</c>.
/// Needs Debian's <c>postgresql</c> package (.ci/run installs it).
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private const string ServiceUser = "postgres";

    private readonly string _folder = Directory.CreateTempSubdirectory("cleansebot-pg-").FullName;
    private string _bin = "";

    public string ConnectionString { get; private set; } = "";

    private string DataFolder => Path.Combine(_folder, "data");

    private static bool IsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        if (IsRoot)
        {
            // The temporary folder is root's and private; the server's user must own it.
            await RunAsync("chown", ServiceUser, _folder);
        }

        await RunAsPostgresAsync(Path.Combine(_bin, "initdb"), "-D", DataFolder, "-U", "cleansebot", "-A", "trust", "--no-sync", "-E", "UTF8");
        var port = FreePort();

        // -w waits until the server accepts connections; the socket goes in our folder, not /var/run/postgresql.
        await RunAsPostgresAsync(
            Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "cleansebot", Database = "postgres", Pooling = false }.ConnectionString;
    }

    /// <summary>A new, empty database on the server, so each test starts from nothing.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "log_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var bin = versions.Select(version => Path.Combine(version, "bin"))
            .Where(folder => File.Exists(Path.Combine(folder, "initdb")))
            .OrderByDescending(folder => int.TryParse(Path.GetFileName(Path.GetDirectoryName(folder)), out var major) ? major : 0)
            .FirstOrDefault();
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL's server is not installed: no /usr/lib/postgresql/*/bin/initdb. Install Debian's package: apt-get install postgresql (.ci/run does).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", ServiceUser, "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
