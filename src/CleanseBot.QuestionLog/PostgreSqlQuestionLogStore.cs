using System.Data.Common;
using Npgsql;

namespace CleanseBot.QuestionLog;

/// <summary>The store for several replicas: one PostgreSQL database they all write to.</summary>
internal sealed class PostgreSqlQuestionLogStore(string connectionString, string configuredSalt) : QuestionLogStore(configuredSalt)
{
    // Any constant of our own: PostgreSQL's advisory locks are named by number.
    private const long MigrationLock = 0x436C65616E7365;

    // Made at first use: a store that is never opened (the log switched off) reads nothing of its settings.
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(connectionString));

    public override string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    private protected override IReadOnlyList<Migration> Migrations => SchemaMigrations.PostgreSql;

    private protected override async ValueTask<DbConnection> ConnectAsync(CancellationToken cancellationToken) =>
        await _dataSource.Value.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(@lock)";
        Parameter(command, "lock").Value = MigrationLock;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // timestamptz takes only UTC times from Npgsql.
    private protected override object TimeValue(DateTimeOffset time) => time.ToUniversalTime();

    private protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private protected override ValueTask DisposeCoreAsync() => _dataSource.IsValueCreated ? _dataSource.Value.DisposeAsync() : ValueTask.CompletedTask;
}
