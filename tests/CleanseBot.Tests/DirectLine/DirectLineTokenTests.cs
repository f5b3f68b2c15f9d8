using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CleanseBot.Channels.DirectLine;
using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Tests.DirectLine;

/// <summary>A token opens one conversation, for a while, and only if this service signed it.</summary>
[Collection(SharedWebChatSite.Name)]
public sealed class DirectLineTokenTests(WebChatSite site)
{
    private readonly HttpClient _client = site.Client;

    public static TheoryData<string, string> ConversationCalls => new()
    {
        { "GET", "/conversations/{0}" },
        { "GET", "/conversations/{0}/activities" },
        { "POST", "/conversations/{0}/activities" },
    };

    [Theory]
    [MemberData(nameof(ConversationCalls))]
    public async Task Refuses_a_call_without_a_token_with_401(string method, string path)
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(DirectLineSession.BasePath + string.Format(System.Globalization.CultureInfo.InvariantCulture, path, session.ConversationId), UriKind.Relative))
        {
            Content = method == "POST" ? JsonContent.Create(DirectLineSession.Message("hi")) : null,
        };

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single((await session.GetActivitiesAsync()).Activities);
    }

    [Theory]
    [MemberData(nameof(ConversationCalls))]
    public async Task Refuses_a_token_for_conversation_A_in_conversation_B_with_403(string method, string path)
    {
        var (a, _) = await DirectLineSession.StartedAsync(_client);
        var (b, _) = await DirectLineSession.StartedAsync(_client);

        using var response = await a.SendAsync(
            new HttpMethod(method),
            string.Format(System.Globalization.CultureInfo.InvariantCulture, path, b.ConversationId),
            method == "POST" ? JsonContent.Create(DirectLineSession.Message("Reading someone else's chat")) : null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(b.ConversationId, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single((await b.GetActivitiesAsync()).Activities);
    }

    [Fact]
    public async Task Refuses_a_token_whose_claims_were_changed_with_401()
    {
        var (a, _) = await DirectLineSession.StartedAsync(_client);
        var (b, _) = await DirectLineSession.StartedAsync(_client);

        // A's token with its payload rewritten to name B's conversation, the signature left as it was.
        var parts = a.Token.Split('.');
        var claims = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!;
        claims["conv"] = b.ConversationId;
        var forged = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()))}.{parts[2]}";

        using var response = await b.SendAsync(HttpMethod.Get, $"/conversations/{b.ConversationId}/activities", token: forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("another-key-that-is-long-enough-to-sign-tokens-0123456789")]
    [InlineData(null)]
    public async Task Refuses_a_token_signed_with_another_key_or_not_a_token_at_all_with_401(string? otherKey)
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);
        var token = otherKey is null
            ? "not-a-token"
            : Tokens(otherKey, TimeProvider.System).Issue(session.ConversationId, "dl_someone", TokenScope.Conversation, TimeSpan.FromMinutes(30));

        using var response = await session.SendAsync(HttpMethod.Get, $"/conversations/{session.ConversationId}/activities", token: token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(253402300800)]
    public async Task Refuses_a_token_signed_with_the_services_own_key_but_an_expiry_no_clock_can_reach_with_401(long expiresAt)
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);
        var header = session.Token.Split('.')[0];
        var claims = new JsonObject
        {
            ["conv"] = session.ConversationId,
            ["user"] = "dl_someone",
            ["scp"] = "conversation",
            ["iat"] = 0,
            ["exp"] = expiresAt,
        };
        var signed = $"{header}.{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        var signature = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebChatSite.SigningKey), Encoding.ASCII.GetBytes(signed));
        var token = $"{signed}.{System.Buffers.Text.Base64Url.EncodeToString(signature)}";

        using var response = await session.SendAsync(HttpMethod.Get, $"/conversations/{session.ConversationId}/activities", token: token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/conversations/{0}/activities")]
    [InlineData("/tokens/refresh")]
    public async Task Refuses_an_expired_token_with_403_so_that_clients_know_to_get_a_new_one(string path)
    {
        var (session, _) = await DirectLineSession.StartedAsync(_client);
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddMinutes(-31));
        var expired = Tokens(WebChatSite.SigningKey, clock).Issue(session.ConversationId, "dl_someone", TokenScope.Conversation, TimeSpan.FromMinutes(30));

        var method = path.StartsWith("/tokens", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
        using var response = await session.SendAsync(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, session.ConversationId), token: expired);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("TokenExpired", (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!);
    }

    [Fact]
    public void A_token_expires_after_its_lifetime_and_not_before()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var tokens = Tokens(WebChatSite.SigningKey, clock);
        var token = tokens.Issue("conversation-1", "dl_user", TokenScope.Conversation, TimeSpan.FromMinutes(30));

        clock.Advance(TimeSpan.FromMinutes(29));
        var stillValid = tokens.Check(token, TokenScope.Conversation);
        clock.Advance(TimeSpan.FromMinutes(1));
        var expired = tokens.Check(token, TokenScope.Conversation);

        Assert.Equal(new DirectLineToken("conversation-1", "dl_user", TokenScope.Conversation, stillValid.Token!.ExpiresAt), stillValid.Token);
        Assert.Equal(TokenProblem.Expired, expired.Problem);
        Assert.Equal(TokenProblem.Invalid, tokens.Check(token, TokenScope.Stream).Problem);
    }

    [Fact]
    public void Without_a_configured_key_each_process_signs_with_its_own_random_key()
    {
        var one = new DirectLineTokens(Options.Create(new DirectLineOptions()), TimeProvider.System);
        var other = new DirectLineTokens(Options.Create(new DirectLineOptions()), TimeProvider.System);

        var token = one.Issue("conversation-1", "dl_user", TokenScope.Conversation, TimeSpan.FromMinutes(30));

        Assert.NotNull(one.Check(token, TokenScope.Conversation).Token);
        Assert.Equal(TokenProblem.Invalid, other.Check(token, TokenScope.Conversation).Problem);
    }

    private static DirectLineTokens Tokens(string key, TimeProvider clock) =>
        new(Options.Create(new DirectLineOptions { TokenSigningKey = key }), clock);
}
