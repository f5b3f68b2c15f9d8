using System.Security.Claims;
using CleanseBot.Bot;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Moq;
using Moq.Protected;

namespace CleanseBot.Tests.Bot;

/// <summary>The user token client the SDK asks for every turn is only built when the turn asks for a token, and goes with the turn.</summary>
public sealed class DeferredUserTokenClientsTests
{
    private readonly Mock<BotFrameworkAuthentication> _inner = new();
    private readonly Mock<UserTokenClient> _client = new();

    public DeferredUserTokenClientsTests()
    {
        _inner.Setup(auth => auth.CreateUserTokenClientAsync(It.IsAny<ClaimsIdentity>(), It.IsAny<CancellationToken>())).ReturnsAsync(_client.Object);
        _client.Setup(client => client.GetUserTokenAsync("user", "connection", "msteams", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TokenResponse { Token = "token" });
    }

    [Fact]
    public async Task Builds_no_user_token_client_for_a_turn_that_asks_for_no_token()
    {
        var authentication = new DeferredUserTokenClients(_inner.Object);

        using (await authentication.CreateUserTokenClientAsync(new ClaimsIdentity(), CancellationToken.None))
        {
        }

        _inner.Verify(auth => auth.CreateUserTokenClientAsync(It.IsAny<ClaimsIdentity>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Builds_the_client_once_when_the_turn_asks_for_tokens_and_disposes_it_with_the_turn()
    {
        var authentication = new DeferredUserTokenClients(_inner.Object);
        var identity = new ClaimsIdentity();

        using (var tokens = await authentication.CreateUserTokenClientAsync(identity, CancellationToken.None))
        {
            Assert.Equal("token", (await tokens.GetUserTokenAsync("user", "connection", "msteams", null!, CancellationToken.None)).Token);
            Assert.Equal("token", (await tokens.GetUserTokenAsync("user", "connection", "msteams", null!, CancellationToken.None)).Token);
        }

        _inner.Verify(auth => auth.CreateUserTokenClientAsync(identity, It.IsAny<CancellationToken>()), Times.Once);
        _client.Protected().As<IDisposeWithFlag>().Verify(client => client.Dispose(true), Times.Once());
    }

    [Fact]
    public async Task Leaves_authentication_to_the_service_authentication()
    {
        var expected = new AuthenticateRequestResult();
        var activity = new Activity(ActivityTypes.Message);
        _inner.Setup(auth => auth.AuthenticateRequestAsync(activity, "Bearer x", It.IsAny<CancellationToken>())).ReturnsAsync(expected);

        var result = await new DeferredUserTokenClients(_inner.Object).AuthenticateRequestAsync(activity, "Bearer x", CancellationToken.None);

        Assert.Same(expected, result);
    }

    // UserTokenClient's public Dispose is not overridable; what it calls is.
    private interface IDisposeWithFlag
    {
        void Dispose(bool disposing);
    }
}
