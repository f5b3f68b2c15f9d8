using System.Text;
using CleanseBot.Bot;
using CleanseBot.Hosting;
using CleanseBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Moq;

namespace CleanseBot.Tests.Bot;

/// <summary>
/// Whatever way the Bot Framework's token validation fails, the caller gets a 401 and the bot never runs. The
/// authentication is mocked here because it is the SDK's boundary; Security/ChannelAuthenticationTests signs real
/// tokens against a local OpenID endpoint.
/// </summary>
public sealed class AuthenticationFailureTests
{
    public static TheoryData<Exception> Failures() => new()
    {
        new UnauthorizedAccessException("Invalid AppId passed on token"),
        new SecurityTokenSignatureKeyNotFoundException("IDX10503: Signature validation failed."),
        new SecurityTokenInvalidSignatureException("IDX10511: Signature validation failed."),
        new SecurityTokenExpiredException("IDX10223: Lifetime validation failed."),
        new SecurityTokenMalformedException("IDX14100: JWT is not well formed."),
        new ArgumentException("IDX12709: CanReadToken() returned false."),
        new HttpRequestException("The OpenID metadata could not be fetched."),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Answers_401_and_never_runs_the_bot_when_authentication_fails(Exception failure)
    {
        var authentication = new Mock<BotFrameworkAuthentication>();
        authentication
            .Setup(a => a.AuthenticateRequestAsync(It.IsAny<Activity>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(failure);
        var bot = new Mock<IBot>(MockBehavior.Strict);
        var context = RequestWith(Inbound.ExpectingReplies("how often should I deep cleanse?").ToJsonString());

        await Adapter(authentication.Object).HandleAsync(context, bot.Object);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        bot.Verify(b => b.OnTurnAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static CleanseBotAdapter Adapter(BotFrameworkAuthentication authentication) => new(
        authentication,
        new ConversationRateLimiter(Options.Create(new RateLimitingOptions { Enabled = false }), RealBot.Metrics()),
        new AnonymousReplyDestinations(new ConfigurationBuilder().Build(), Options.Create(new MessagingOptions())),
        new KnowledgeIndexProvider(),
        Options.Create(new MessagingOptions()),
        NullLogger<CloudAdapter>.Instance,
        NullLogger<CleanseBotAdapter>.Instance);

    private static DefaultHttpContext RequestWith(string json)
    {
        var context = new DefaultHttpContext();
        var body = Encoding.UTF8.GetBytes(json);
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        context.Request.Headers.Authorization = "Bearer not-a-real-token";
        context.Response.Body = new MemoryStream();
        return context;
    }
}
