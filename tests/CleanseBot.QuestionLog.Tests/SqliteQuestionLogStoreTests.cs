using Microsoft.Data.Sqlite;

namespace CleanseBot.QuestionLog.Tests;

/// <summary>The store contract on a real SQLite file in a temporary folder, plus what only SQLite has: the file and WAL.</summary>
public sealed class SqliteQuestionLogStoreTests : QuestionLogStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cleansebot-log-").FullName;

    protected override string BaseDirectory => _folder;

    protected override Task<QuestionLogOptions> NewLogAsync() =>
        Task.FromResult(new QuestionLogOptions { ConnectionString = $"Data Source=log-{Guid.NewGuid():N}/questions.db" });

    [Fact]
    public async Task Creates_the_default_file_and_its_folder_beside_the_base_directory_in_WAL_mode()
    {
        await using var store = QuestionLogStore.Create(new QuestionLogOptions(), _folder);
        await store.OpenAsync(CancellationToken.None);

        var file = Path.Combine(_folder, "data", "questions.db");
        Assert.Equal(file, store.Describe());
        Assert.True(File.Exists(file));
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
