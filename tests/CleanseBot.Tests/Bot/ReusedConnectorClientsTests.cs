using System.Security.Claims;
using CleanseBot.Bot;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Moq;

namespace CleanseBot.Tests.Bot;

/// <summary>The connector client the SDK asks for every turn is built once per bot, service URL and audience, and outlives the turn.</summary>
public sealed class ReusedConnectorClientsTests : IDisposable
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private const string Audience = "https://api.botframework.com";

    private readonly ReusedConnectorClients _clients = new();
    private readonly List<Mock<IConnectorClient>> _built = [];

    [Fact]
    public async Task Builds_one_client_for_many_turns_to_the_same_service_url()
    {
        var first = await ForTurn("bot-id").CreateAsync(ServiceUrl, Audience, CancellationToken.None);
        var second = await ForTurn("bot-id").CreateAsync(ServiceUrl, Audience, CancellationToken.None);

        Assert.Single(_built);
        Assert.Same(_built[0].Object.Conversations, first.Conversations);
        Assert.Same(_built[0].Object.Conversations, second.Conversations);
    }

    [Fact]
    public async Task Keeps_the_client_usable_after_the_turn_disposes_it()
    {
        using (await ForTurn("bot-id").CreateAsync(ServiceUrl, Audience, CancellationToken.None))
        {
        }

        var next = await ForTurn("bot-id").CreateAsync(ServiceUrl, Audience, CancellationToken.None);

        Assert.Single(_built);
        _built[0].Verify(client => client.Dispose(), Times.Never);
        Assert.Same(_built[0].Object.Conversations, next.Conversations);
    }

    [Fact]
    public async Task Never_shares_a_client_between_service_urls_audiences_or_bots()
    {
        await ForTurn("bot-id").CreateAsync(ServiceUrl, Audience, CancellationToken.None);
        await ForTurn("bot-id").CreateAsync("https://other.example/", Audience, CancellationToken.None);
        await ForTurn("bot-id").CreateAsync(ServiceUrl, "https://api.botframework.us", CancellationToken.None);
        await ForTurn("other-bot-id").CreateAsync(ServiceUrl, Audience, CancellationToken.None);

        Assert.Equal(4, _built.Count);
    }

    [Fact]
    public async Task Stops_keeping_clients_beyond_the_maximum_and_lets_the_turn_dispose_them()
    {
        for (var i = 0; i < ReusedConnectorClients.MaxClients; i++)
        {
            await ForTurn("bot-id").CreateAsync($"https://service-{i}.example/", Audience, CancellationToken.None);
        }

        using (await ForTurn("bot-id").CreateAsync("https://one-more.example/", Audience, CancellationToken.None))
        {
        }

        await ForTurn("bot-id").CreateAsync("https://one-more.example/", Audience, CancellationToken.None);

        Assert.Equal(ReusedConnectorClients.MaxClients + 2, _built.Count);
        _built[ReusedConnectorClients.MaxClients].Verify(client => client.Dispose(), Times.Once);
    }

    [Fact]
    public async Task Disposes_the_kept_clients_when_the_service_stops()
    {
        await ForTurn("bot-id").CreateAsync(ServiceUrl, Audience, CancellationToken.None);

        _clients.Dispose();

        _built[0].Verify(client => client.Dispose(), Times.Once);
    }

    public void Dispose() => _clients.Dispose();

    // What the SDK's authentication hands the adapter for one request: the caller's identity and a factory that builds a new client per call.
    private ConnectorFactory ForTurn(string botId)
    {
        var factory = new Mock<ConnectorFactory>();
        factory.Setup(f => f.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                var client = new Mock<IConnectorClient>();
                client.Setup(c => c.Conversations).Returns(Mock.Of<IConversations>());
                _built.Add(client);
                return client.Object;
            });
        var identity = new ClaimsIdentity([new Claim(AuthenticationConstants.AudienceClaim, botId), new Claim(AuthenticationConstants.AppIdClaim, "channel-id")]);
        return _clients.For(new AuthenticateRequestResult { ClaimsIdentity = identity, ConnectorFactory = factory.Object, Audience = Audience });
    }
}
