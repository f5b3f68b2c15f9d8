namespace CleanseBot.Tests.Support;

/// <summary>A service of a test's own, started with its settings, and a client for it; both go when it is disposed.</summary>
internal sealed record StartedService(CleanseBotServer Server, HttpClient Client) : IAsyncDisposable
{
    public static async Task<StartedService> StartAsync(Dictionary<string, string?> settings)
    {
        var server = new CleanseBotServer(settings, services: null);
        await server.StartAndWaitUntilReadyAsync();
        return new StartedService(server, server.CreateClient());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
