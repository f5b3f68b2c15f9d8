using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanseBot.QuestionLog;

/// <summary>
/// Where and how long each turn's outcome is kept, for content owners. Section "QuestionLog" of appsettings.json;
/// the service and tools/CleanseBot.Insights read the same section, so they read the same log.
/// </summary>
public sealed class QuestionLogOptions : IValidatableObject
{
    public const string SectionName = "QuestionLog";

    /// <summary>SQLite's file beside the binary: created with its folder on first start.</summary>
    public const string DefaultConnectionString = "Data Source=data/questions.db";

    /// <summary>False records nothing: no queue, no writer, no database is touched.</summary>
    public bool Enabled { get; set; } = true;

    public QuestionLogProvider Provider { get; set; } = QuestionLogProvider.Sqlite;

    /// <summary>
    /// For SQLite, a relative <c>Data Source</c> is beside the binary (AppContext.BaseDirectory), not the current folder,
    /// so the service writes the same file however it is started. For PostgreSQL, an Npgsql connection string.
    /// </summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>Turns older than this many days are deleted, hourly.</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>Turns waiting to be written. When it is full, a turn's record is dropped (logged and counted), never waited for.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most turns written in one transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// How long the writer lets turns gather before it writes them (unless a full batch is waiting): one transaction a
    /// second costs the database, and the machine the bot shares with it, far less than one a turn.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The secret mixed into conversation ids before they are hashed, so a hash cannot be matched to a conversation id
    /// by hashing guesses. Empty: one is generated on first start and kept in the log's own database (table
    /// log_settings), so every replica sharing the database, and every restart, hashes alike.
    /// </summary>
    public string HashSalt { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        var problem = Provider switch
        {
            QuestionLogProvider.Sqlite => SqliteProblem(ConnectionString),
            QuestionLogProvider.PostgreSql => PostgreSqlProblem(ConnectionString),
            _ => $"QuestionLog:Provider must be {nameof(QuestionLogProvider.Sqlite)} or {nameof(QuestionLogProvider.PostgreSql)}.",
        };
        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(ConnectionString)]);
        }
    }

    private static string? SqliteProblem(string connectionString)
    {
        try
        {
            return string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource)
                ? "QuestionLog:ConnectionString must name a SQLite file (Data Source=...)."
                : null;
        }
        catch (ArgumentException problem)
        {
            return $"QuestionLog:ConnectionString is not a SQLite connection string: {problem.Message}";
        }
    }

    private static string? PostgreSqlProblem(string connectionString)
    {
        // Npgsql reads "Data Source" as a host name, so SQLite's default would fail only at the first write, far from its cause.
        if (connectionString == DefaultConnectionString)
        {
            return "QuestionLog:Provider is PostgreSql but QuestionLog:ConnectionString is still SQLite's default; set an Npgsql one (Host=...;Database=...;Username=...).";
        }

        try
        {
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host)
                ? "QuestionLog:ConnectionString must name a PostgreSQL Host."
                : null;
        }
        catch (ArgumentException problem)
        {
            return $"QuestionLog:ConnectionString is not a PostgreSQL connection string: {problem.Message}";
        }
    }
}

public enum QuestionLogProvider
{
    Sqlite,
    PostgreSql,
}
