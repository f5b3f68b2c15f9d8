using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// The real knowledge folder (copied next to the test binary by the project file), loaded and indexed once
/// for every test in <see cref="RealKnowledge"/>, the way the bot loads it at start-up.
/// </summary>
public sealed class KnowledgeFixture : IAsyncLifetime
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "knowledge");

    public KnowledgeBase Knowledge { get; private set; } = null!;

    public KnowledgeIndex Index { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Knowledge = await KnowledgeBase.LoadAsync(Folder, CancellationToken.None);
        Index = KnowledgeIndex.Build(Knowledge);
    }

    public Task DisposeAsync()
    {
        Index?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class RealKnowledge : ICollectionFixture<KnowledgeFixture>
{
    public const string Name = "The real knowledge";
}
