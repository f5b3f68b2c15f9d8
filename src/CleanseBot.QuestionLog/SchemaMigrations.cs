namespace CleanseBot.QuestionLog;

/// <summary>
/// The log's schema, as numbered steps applied in order and recorded in schema_version. A step, once shipped, is never
/// edited: a change is a new step, so every database, whatever version it is at, reaches the same schema.
/// SQLite and PostgreSQL get the same tables and columns in their own types.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<Migration> Sqlite { get; } =
    [
        new(1, "turns and settings", """
            CREATE TABLE turns (
                id INTEGER PRIMARY KEY,
                turn_id TEXT NOT NULL UNIQUE,
                at TEXT NOT NULL,
                channel TEXT NOT NULL,
                conversation TEXT NOT NULL,
                message TEXT NOT NULL,
                decision TEXT NOT NULL,
                pair_id INTEGER NULL,
                confidence REAL NULL,
                red_flag TEXT NULL,
                turn_ms REAL NOT NULL);
            CREATE INDEX turns_at ON turns (at);
            CREATE TABLE log_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            """),
        new(2, "visitor feedback", """
            ALTER TABLE turns ADD COLUMN reply_id TEXT NULL;
            CREATE INDEX turns_reply_id ON turns (reply_id);
            CREATE TABLE feedback (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                channel TEXT NOT NULL,
                turn_id TEXT NULL,
                reply_id TEXT NULL,
                helpful INTEGER NOT NULL);
            CREATE INDEX feedback_at ON feedback (at);
            """),
        new(3, "suggested alternates", """
            CREATE TABLE suggestions (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                channel TEXT NOT NULL,
                message TEXT NOT NULL,
                pair_id INTEGER NOT NULL,
                source TEXT NOT NULL);
            CREATE INDEX suggestions_at ON suggestions (at);
            """),
        new(4, "accepted suggestions", "ALTER TABLE suggestions ADD COLUMN accepted_at TEXT NULL;"),
    ];

    public static IReadOnlyList<Migration> PostgreSql { get; } =
    [
        new(1, "turns and settings", """
            CREATE TABLE turns (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                turn_id text NOT NULL UNIQUE,
                at timestamptz NOT NULL,
                channel text NOT NULL,
                conversation text NOT NULL,
                message text NOT NULL,
                decision text NOT NULL,
                pair_id integer NULL,
                confidence double precision NULL,
                red_flag text NULL,
                turn_ms double precision NOT NULL);
            CREATE INDEX turns_at ON turns (at);
            CREATE TABLE log_settings (name text PRIMARY KEY, value text NOT NULL);
            """),
        new(2, "visitor feedback", """
            ALTER TABLE turns ADD COLUMN reply_id text NULL;
            CREATE INDEX turns_reply_id ON turns (reply_id);
            CREATE TABLE feedback (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at timestamptz NOT NULL,
                channel text NOT NULL,
                turn_id text NULL,
                reply_id text NULL,
                helpful smallint NOT NULL);
            CREATE INDEX feedback_at ON feedback (at);
            """),
        new(3, "suggested alternates", """
            CREATE TABLE suggestions (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at timestamptz NOT NULL,
                channel text NOT NULL,
                message text NOT NULL,
                pair_id integer NOT NULL,
                source text NOT NULL);
            CREATE INDEX suggestions_at ON suggestions (at);
            """),
        new(4, "accepted suggestions", "ALTER TABLE suggestions ADD COLUMN accepted_at timestamptz NULL;"),
    ];
}

/// <summary>One step of the schema: applied once, in a transaction with its row in schema_version.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
