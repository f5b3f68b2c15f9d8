namespace CleanseBot.Tests.Support;

/// <summary>A running service shared by the tests of a class or collection: started and ready before them, stopped after.</summary>
public abstract class ServiceFixture : IAsyncLifetime
{
    private protected ServiceFixture(CleanseBotServer server) => Server = server;

    public CleanseBotServer Server { get; }

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
