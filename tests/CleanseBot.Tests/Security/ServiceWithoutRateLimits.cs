using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Security;

/// <summary>The real service with RateLimiting:Enabled false, for test classes that send many requests in a burst.</summary>
public sealed class ServiceWithoutRateLimits : IAsyncLifetime
{
    internal CleanseBotServer Server { get; } = new(new() { ["RateLimiting:Enabled"] = "false" }, services: null);

    internal HttpClient Client { get; private set; } = null!;

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
