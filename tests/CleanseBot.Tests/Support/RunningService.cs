namespace CleanseBot.Tests.Support;

/// <summary>One running service shared by the test classes that only send it requests.</summary>
public sealed class RunningService : IAsyncLifetime
{
    public CleanseBotServer Server { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.StartAndWaitUntilReadyAsync();
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedRunningService : ICollectionFixture<RunningService>
{
    public const string Name = "Running service";
}
