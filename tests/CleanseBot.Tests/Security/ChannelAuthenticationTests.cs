using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json;

namespace CleanseBot.Tests.Security;

/// <summary>
/// With a Microsoft App ID configured, /api/messages takes only activities that carry a valid Bot Framework channel
/// token; every other request gets 401, and the log says why without repeating the token. The Bot Framework's
/// token service is played offline by <see cref="FakeBotFrameworkTokenService"/>; the service runs in a process of
/// its own, trusting that server's certificate through SSL_CERT_FILE.
/// </summary>
public sealed partial class ChannelAuthenticationTests(ChannelAuthenticationTests.AuthenticatingService bot)
    : IClassFixture<ChannelAuthenticationTests.AuthenticatingService>
{
    private const string Question = "Why choose an alcohol-free toner?";
    private const int QuestionPairId = 407;

    private static readonly string ServiceUrl = Inbound.UnusedServiceUrl.ToString();

    [Fact]
    public async Task Answers_an_activity_with_a_valid_channel_token()
    {
        var token = bot.Tokens.Token(bot.AppId, ServiceUrl);

        using var response = await PostAsync(QuestionFrom(FakeBotFrameworkTokenService.EndorsedChannel), "Bearer " + token);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {body}\n{bot.Service.Log}");
        var replies = JsonConvert.DeserializeObject<ExpectedReplies>(body)!.Activities;
        Expect.AnswerOf(QuestionPairId, Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
        AssertLogKeepsSecrets(await bot.Service.WaitForQuietLogAsync(), token);
    }

    [Fact]
    public async Task Accepts_a_token_that_expired_less_than_the_five_minute_clock_skew_ago()
    {
        var token = bot.Tokens.Token(bot.AppId, ServiceUrl, expires: DateTime.UtcNow.AddMinutes(-3));

        using var response = await PostAsync(QuestionFrom(FakeBotFrameworkTokenService.EndorsedChannel), "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Rejects_an_activity_without_an_Authorization_header() =>
        await AssertRejectedAsync(authorization: null, because: "No Authorization header");

    [Fact]
    public async Task Rejects_a_token_that_expired_beyond_the_five_minute_clock_skew() =>
        await RejectTokenAsync(bot.Tokens.Token(bot.AppId, ServiceUrl, expires: DateTime.UtcNow.AddMinutes(-6)), because: "The token has expired");

    [Fact]
    public async Task Rejects_a_token_for_another_bot() =>
        await RejectTokenAsync(bot.Tokens.Token(Guid.NewGuid().ToString(), ServiceUrl), because: "Invalid AppId passed on token");

    [Fact]
    public async Task Rejects_a_token_from_another_issuer() =>
        await RejectTokenAsync(bot.Tokens.Token(bot.AppId, ServiceUrl, issuer: "https://evil.example"), because: "No valid identity");

    [Fact]
    public async Task Rejects_a_token_without_a_serviceurl_claim() =>
        await RejectTokenAsync(bot.Tokens.Token(bot.AppId, serviceUrl: null), because: "Missing serviceurl claim");

    [Fact]
    public async Task Rejects_a_token_issued_for_another_serviceUrl() =>
        await RejectTokenAsync(bot.Tokens.Token(bot.AppId, "https://evil.example/"), because: "serviceurl claim mismatch");

    [Fact]
    public async Task Rejects_a_token_whose_key_is_not_endorsed_for_the_activitys_channel() =>
        await RejectTokenAsync(bot.Tokens.Token(bot.AppId, ServiceUrl), channelId: "msteams", because: "Could not validate endorsement for key");

    [Fact]
    public async Task Rejects_a_token_signed_with_another_key_under_the_published_key_id()
    {
        using var forger = RSA.Create(2048);

        await RejectTokenAsync(bot.Tokens.Token(bot.AppId, ServiceUrl, signedWith: forger), because: "SecurityTokenInvalidSignatureException");
    }

    [Fact]
    public async Task Rejects_a_token_whose_claims_were_changed_after_signing()
    {
        var parts = bot.Tokens.Token(Guid.NewGuid().ToString(), ServiceUrl).Split('.');
        var claims = JsonNode.Parse(FakeBotFrameworkTokenService.Decode(parts[1]))!;
        claims["aud"] = bot.AppId;

        await RejectTokenAsync($"{parts[0]}.{FakeBotFrameworkTokenService.Encode(claims.ToJsonString())}.{parts[2]}", because: "SecurityTokenInvalidSignatureException");
    }

    [Fact]
    public async Task Rejects_a_token_signed_with_an_unknown_key()
    {
        using var stranger = RSA.Create(2048);

        await RejectTokenAsync(bot.Tokens.Token(bot.AppId, ServiceUrl, signedWith: stranger, keyId: "unknown-key"), because: "SecurityTokenSignatureKeyNotFoundException");
    }

    [Fact]
    public async Task Logs_a_rejected_token_without_the_key_id_it_claims()
    {
        // The key id is read before any signature is checked, so it is whatever the sender wrote.
        var keyId = "forged-key-id-" + Guid.NewGuid().ToString("N");
        using var stranger = RSA.Create(2048);

        await RejectTokenAsync(bot.Tokens.Token(bot.AppId, ServiceUrl, signedWith: stranger, keyId: keyId), because: "SecurityTokenSignatureKeyNotFoundException");

        Assert.DoesNotContain(keyId, bot.Service.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_an_unsigned_token_with_alg_none()
    {
        var parts = bot.Tokens.Token(bot.AppId, ServiceUrl).Split('.');
        var header = FakeBotFrameworkTokenService.Encode($$"""{"alg":"none","kid":"{{FakeBotFrameworkTokenService.KeyId}}","typ":"JWT"}""");

        await RejectTokenAsync($"{header}.{parts[1]}.", because: "SecurityTokenInvalidSignatureException");
    }

    [Fact]
    public async Task Rejects_an_HMAC_token_keyed_with_the_published_public_key()
    {
        // The classic algorithm confusion: a verifier that took the RSA public key as an HMAC secret would accept this.
        var publicKey = bot.Tokens.SigningKey.ExportSubjectPublicKeyInfo();
        var parts = bot.Tokens.Token(bot.AppId, ServiceUrl).Split('.');
        var header = FakeBotFrameworkTokenService.Encode($$"""{"alg":"HS256","kid":"{{FakeBotFrameworkTokenService.KeyId}}","typ":"JWT"}""");
        var signature = Base64UrlEncoder.Encode(HMACSHA256.HashData(publicKey, Encoding.ASCII.GetBytes($"{header}.{parts[1]}")));

        await RejectTokenAsync($"{header}.{parts[1]}.{signature}", because: "SecurityTokenInvalidSignatureException");
    }

    public static TheoryData<string, string> MalformedAuthorizations() => new()
    {
        { "the scheme alone", "Bearer" },
        { "a word for a token", "Bearer not-a-token" },
        { "three dots of nothing", "Bearer .." },
        { "three parts that are not base64", "Bearer a!.b!.c!" },
        { "parts that are base64 but not JSON", "Bearer YWJj.ZGVm.Z2hp" },
        { "a JSON array for the header", "Bearer " + FakeBotFrameworkTokenService.Encode("[1,2]") + "." + FakeBotFrameworkTokenService.Encode("{}") + ".c2ln" },
        { "five parts", "Bearer a.b.c.d.e" },
        { "8 KB of junk", "Bearer " + new string('x', 4096) + "." + new string('y', 4096) + ".z" },
        { "the Basic scheme", "Basic dXNlcjpwYXNzd29yZA==" },
        { "two spaces after the scheme", "Bearer  eyJhbGciOiJSUzI1NiJ9.e30.c2ln" },
    };

    [Theory]
    [MemberData(nameof(MalformedAuthorizations))]
    public async Task Rejects_a_malformed_Authorization_header(string problem, string authorization)
    {
        await AssertRejectedAsync(authorization, because: null, secret: authorization, what: problem);
    }

    private Task RejectTokenAsync(string token, string because, string channelId = FakeBotFrameworkTokenService.EndorsedChannel) =>
        AssertRejectedAsync("Bearer " + token, because, channelId, secret: token);

    // Waits for the rejection's log line (the console logger writes in the background) before reading the log.
    private async Task AssertRejectedAsync(
        string? authorization,
        string? because,
        string channelId = FakeBotFrameworkTokenService.EndorsedChannel,
        string? secret = null,
        string what = "the token")
    {
        var rejectedBefore = Rejections().Count(bot.Service.Log);

        using var response = await PostAsync(QuestionFrom(channelId), authorization);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"Expected 401 for {what} but got {(int)response.StatusCode}.\n{bot.Service.Log}");
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var log = await bot.Service.WaitForLogAsync(log => Rejections().Count(log) > rejectedBefore, "the rejection");
        var rejection = Rejections().Matches(log)[^1].Value;
        Assert.StartsWith($"Rejected an unauthenticated activity from channel {channelId}: ", rejection, StringComparison.Ordinal);
        if (because is not null)
        {
            Assert.Contains(because, rejection, StringComparison.Ordinal);
        }

        AssertLogKeepsSecrets(log, secret);
    }

    private void AssertLogKeepsSecrets(string log, string? token)
    {
        Assert.DoesNotContain(bot.AppPassword, log, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", log, StringComparison.Ordinal);
        Assert.DoesNotContain("crit:", log, StringComparison.Ordinal);
        if (token is null)
        {
            return;
        }

        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        foreach (var part in token.Split('.', ' ').Where(part => part.Length >= 16))
        {
            Assert.DoesNotContain(part, log, StringComparison.Ordinal);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        }

        return await bot.Service.Client.SendAsync(request);
    }

    private static JsonObject QuestionFrom(string channelId) => Inbound.Message(Question, Inbound.UnusedServiceUrl, DeliveryModes.ExpectReplies, channelId);

    [GeneratedRegex(@"Rejected an unauthenticated activity[^\r\n]*")]
    private static partial Regex Rejections();

    /// <summary>The token service, and the service configured with an App ID that trusts it; logging at Debug, so nothing is hidden.</summary>
    public sealed class AuthenticatingService : IAsyncLifetime
    {
        internal string AppId { get; } = Guid.NewGuid().ToString();

        internal string AppPassword { get; } = "app-password-" + Guid.NewGuid().ToString("N");

        internal FakeBotFrameworkTokenService Tokens { get; private set; } = null!;

        internal CleanseBotProcess Service { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Tokens = await FakeBotFrameworkTokenService.StartAsync();
            var settings = new Dictionary<string, string>
            {
                ["MicrosoftAppType"] = "MultiTenant",
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppPassword"] = AppPassword,
                ["ToBotFromChannelOpenIdMetadataUrl"] = Tokens.MetadataUrl.ToString(),
                ["ToBotFromChannelTokenIssuer"] = FakeBotFrameworkTokenService.Issuer,
                ["ToChannelFromBotLoginUrl"] = new Uri(Tokens.Origin, "/login").ToString(),
                ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
                ["OAuthUrl"] = new Uri(Tokens.Origin, "/oauth").ToString(),
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
                ["Logging:LogLevel:Microsoft.Bot"] = "Debug",
            };
            Service = await CleanseBotProcess.StartAsync(settings, new Dictionary<string, string> { ["SSL_CERT_FILE"] = Tokens.CertificateBundlePath });
        }

        public async Task DisposeAsync()
        {
            if (Service is not null)
            {
                await Service.DisposeAsync();
            }

            await Tokens.DisposeAsync();
        }
    }
}
