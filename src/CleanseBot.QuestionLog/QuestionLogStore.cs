using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace CleanseBot.QuestionLog;

/// <summary>
/// The question log's database, SQLite or PostgreSQL, behind one surface: the schema brought up to date on first use,
/// turns written in batches, old turns deleted, turns read back for the insights report. The SQL is the same for both
/// except for the schema's types and how a time is stored (<see cref="SqliteQuestionLogStore"/>,
/// <see cref="PostgreSqlQuestionLogStore"/>). Thread-safe: the writer and the retention job share one instance.
/// </summary>
public abstract class QuestionLogStore : IAsyncDisposable
{
    private const string SaltSetting = "conversation_salt";

    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly string _configuredSalt;
    private ConversationHash? _hash;

    private protected QuestionLogStore(string configuredSalt) => _configuredSalt = configuredSalt;

    /// <summary>The store <paramref name="options"/> name; a relative SQLite file is taken from <paramref name="baseDirectory"/>.</summary>
    public static QuestionLogStore Create(QuestionLogOptions options, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            QuestionLogProvider.PostgreSql => new PostgreSqlQuestionLogStore(options.ConnectionString, options.HashSalt),
            _ => new SqliteQuestionLogStore(options.ConnectionString, baseDirectory, options.HashSalt),
        };
    }

    /// <summary>Where the log is, for messages: the SQLite file, or the PostgreSQL host and database; never a password.</summary>
    public abstract string Describe();

    /// <summary>
    /// Creates the database if it must, applies the migrations it lacks and reads (or first stores) the salt; after one
    /// success it returns at once. A failure is thrown, and the next call tries again, so a database that comes back
    /// is picked up without a restart.
    /// </summary>
    public async ValueTask<ConversationHash> OpenAsync(CancellationToken cancellationToken)
    {
        if (_hash is { } opened)
        {
            return opened;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_hash is null)
            {
                await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                var salt = _configuredSalt.Length > 0 ? _configuredSalt : await StoredSaltAsync(connection, cancellationToken).ConfigureAwait(false);
                _hash = new ConversationHash(salt);
            }

            return _hash;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>The schema version the database is at: the last migration applied.</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Writes <paramref name="turns"/> in one transaction; a turn already written (same id) is left as it is.</summary>
    public Task WriteAsync(IReadOnlyList<LoggedTurn> turns, CancellationToken cancellationToken) =>
        WriteEachAsync(
            turns,
            """
            INSERT INTO turns (turn_id, at, channel, conversation, message, decision, pair_id, confidence, red_flag, turn_ms, reply_id)
            VALUES (@turn_id, @at, @channel, @conversation, @message, @decision, @pair_id, @confidence, @red_flag, @turn_ms, @reply_id)
            ON CONFLICT (turn_id) DO NOTHING
            """,
            ["turn_id", "at", "channel", "conversation", "message", "decision", "pair_id", "confidence", "red_flag", "turn_ms", "reply_id"],
            turn =>
            [
                turn.TurnId.ToString("D"), TimeValue(turn.At), turn.Channel, turn.Conversation, turn.Message, turn.Decision,
                turn.PairId, turn.Confidence, turn.RedFlag, turn.TurnTime.TotalMilliseconds, turn.ReplyId,
            ],
            cancellationToken);

    /// <summary>Deletes the turns logged before <paramref name="cutoff"/>, and feedback given before it; returns how many turns.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM turns WHERE at < @cutoff";
        Parameter(command, "cutoff").Value = TimeValue(cutoff);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        // Feedback and suggestions go with the turns they came from, which are at most minutes older.
        command.CommandText = "DELETE FROM feedback WHERE at < @cutoff";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.CommandText = "DELETE FROM suggestions WHERE at < @cutoff";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>The turns logged at or after <paramref name="since"/>, oldest first.</summary>
    public async IAsyncEnumerable<LoggedTurn> ReadTurnsAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT turn_id, at, channel, conversation, message, decision, pair_id, confidence, red_flag, turn_ms, reply_id
            FROM turns WHERE at >= @since ORDER BY at, id
            """;
        Parameter(command, "since").Value = TimeValue(since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new LoggedTurn(
                Guid.Parse(reader.GetString(0)),
                ReadTime(reader, 1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetDouble(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                TimeSpan.FromMilliseconds(reader.GetDouble(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10));
        }
    }

    /// <summary>Writes visitors' feedback in one transaction.</summary>
    public Task WriteFeedbackAsync(IReadOnlyList<VisitorFeedback> feedback, CancellationToken cancellationToken) =>
        WriteEachAsync(
            feedback,
            "INSERT INTO feedback (at, channel, turn_id, reply_id, helpful) VALUES (@at, @channel, @turn_id, @reply_id, @helpful)",
            ["at", "channel", "turn_id", "reply_id", "helpful"],
            rating => [TimeValue(rating.At), rating.Channel, rating.TurnId?.ToString("D"), rating.ReplyId, (short)(rating.Helpful ? 1 : 0)],
            cancellationToken);

    /// <summary>Writes suggested alternates in one transaction; their messages must be masked already.</summary>
    public Task WriteSuggestionsAsync(IReadOnlyList<SuggestedAlternate> suggestions, CancellationToken cancellationToken) =>
        WriteEachAsync(
            suggestions,
            "INSERT INTO suggestions (at, channel, message, pair_id, source) VALUES (@at, @channel, @message, @pair_id, @source)",
            ["at", "channel", "message", "pair_id", "source"],
            suggestion => [TimeValue(suggestion.At), suggestion.Channel, suggestion.Message, suggestion.PairId, suggestion.Source.ToString()],
            cancellationToken);

    /// <summary>The suggested alternates recorded at or after <paramref name="since"/>, accepted or not, oldest first.</summary>
    public async IAsyncEnumerable<LoggedSuggestion> ReadSuggestionsAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, at, channel, message, pair_id, source, accepted_at FROM suggestions WHERE at >= @since ORDER BY at, id";
        Parameter(command, "since").Value = TimeValue(since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new LoggedSuggestion(
                reader.GetInt64(0),
                new SuggestedAlternate(
                    ReadTime(reader, 1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetInt32(4),
                    Enum.Parse<SuggestionSource>(reader.GetString(5))),
                reader.IsDBNull(6) ? null : ReadTime(reader, 6));
        }
    }

    /// <summary>
    /// Marks the suggestions <paramref name="ids"/> accepted at <paramref name="at"/> (written into the knowledge), in
    /// one transaction; one accepted already keeps its first time.
    /// </summary>
    public Task MarkSuggestionsAcceptedAsync(IReadOnlyList<long> ids, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteEachAsync(
            ids,
            "UPDATE suggestions SET accepted_at = @accepted_at WHERE id = @id AND accepted_at IS NULL",
            ["accepted_at", "id"],
            id => [TimeValue(at), id],
            cancellationToken);

    /// <summary>Feedback given at or after <paramref name="since"/> on turns the log holds, oldest first.</summary>
    public async IAsyncEnumerable<RatedAnswer> ReadRatedAnswersAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f.at, f.helpful, t.pair_id, t.message
            FROM feedback f JOIN turns t ON t.turn_id = f.turn_id OR (f.turn_id IS NULL AND t.reply_id = f.reply_id)
            WHERE f.at >= @since ORDER BY f.at, f.id
            """;
        Parameter(command, "since").Value = TimeValue(since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new RatedAnswer(
                ReadTime(reader, 0),
                Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture) == 1,
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.GetString(3));
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        _opening.Dispose();
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private protected abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>An open connection; SQLite creates its file (and folder) here on first use.</summary>
    private protected abstract ValueTask<DbConnection> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Holds off other processes' migrations until <paramref name="transaction"/> ends (several replicas may start at once).</summary>
    private protected abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    private protected abstract object TimeValue(DateTimeOffset time);

    private protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    private protected abstract ValueTask DisposeCoreAsync();

    // One statement per row, prepared once, all in one transaction; a null value is written as SQL NULL.
    private async Task WriteEachAsync<T>(IReadOnlyList<T> rows, string sql, string[] columns, Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameters = Array.ConvertAll(columns, column => Parameter(command, column));
        foreach (var row in rows)
        {
            var rowValues = values(row);
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = rowValues[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Named as the SQL names it, "@" included: Microsoft.Data.Sqlite binds a bare name by trying it with each of
    // SQLite's three prefixes, a UTF-8 copy of the name each time, on every row it writes (1.7 KB a logged turn,
    // docs/performance.md). Npgsql takes either.
    private protected static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private async Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var current = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);

        foreach (var migration in Migrations)
        {
            if (migration.Version <= current)
            {
                continue;
            }

            command.CommandText = migration.Sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @applied_at)";
            command.Parameters.Clear();
            Parameter(command, "version").Value = migration.Version;
            Parameter(command, "name").Value = migration.Name;
            Parameter(command, "applied_at").Value = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.Parameters.Clear();
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> StoredSaltAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Insert-if-absent then read: two replicas starting together both end up with whichever salt was stored first.
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO log_settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING";
        Parameter(command, "name").Value = SaltSetting;
        var value = Parameter(command, "value");
        value.Value = ConversationHash.NewSalt();
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.CommandText = "SELECT value FROM log_settings WHERE name = @name";
        command.Parameters.Remove(value);
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
