namespace CleanseBot.QuestionLog.Tests;

/// <summary>The store contract on a real PostgreSQL server started for these tests, one new database per test.</summary>
public sealed class PostgreSqlQuestionLogStoreTests(PostgreSqlServer server) : QuestionLogStoreContract, IClassFixture<PostgreSqlServer>
{
    protected override async Task<QuestionLogOptions> NewLogAsync() =>
        new() { Provider = QuestionLogProvider.PostgreSql, ConnectionString = await server.CreateDatabaseAsync() };
}
