using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CleanseBot.QuestionLog;

/// <summary>The default store: one SQLite file, in WAL mode so the report can read while the service writes.</summary>
internal sealed class SqliteQuestionLogStore : QuestionLogStore
{
    // Fixed width and UTC, so that comparing the text compares the times.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // Read at first use: a store that is never opened (the log switched off) reads nothing of its settings.
    private readonly Lazy<SqliteConnectionStringBuilder> _settings;
    private bool _created;

    public SqliteQuestionLogStore(string connectionString, string baseDirectory, string configuredSalt)
        : base(configuredSalt)
    {
        _settings = new(() =>
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            builder.DataSource = Path.GetFullPath(builder.DataSource, baseDirectory);
            return builder;
        });
    }

    public override string Describe() => DatabaseFile;

    private string DatabaseFile => _settings.Value.DataSource;

    private string ConnectionString => _settings.Value.ConnectionString;

    private protected override IReadOnlyList<Migration> Migrations => SchemaMigrations.Sqlite;

    private protected override async ValueTask<DbConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        }

        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // In WAL mode, NORMAL syncs at checkpoints rather than at every commit: a power cut may lose the last
            // second's turns but never corrupts the file, the right trade for a log. It holds per connection.
            await using (var synchronous = connection.CreateCommand())
            {
                synchronous.CommandText = "PRAGMA synchronous = NORMAL";
                await synchronous.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!_created)
            {
                // WAL is a property of the file, kept across connections and restarts; setting it once per process is enough.
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = WAL";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // SQLite takes its write lock at BEGIN IMMEDIATE, which Microsoft.Data.Sqlite's transactions already use.
    private protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    private protected override object TimeValue(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private protected override ValueTask DisposeCoreAsync()
    {
        // Pooled connections keep the file open (and its -wal and -shm files) until their pool lets them go; only this
        // file's pool, since other stores in the process (the tests start several services) keep theirs.
        if (!_settings.IsValueCreated)
        {
            return ValueTask.CompletedTask;
        }

        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
