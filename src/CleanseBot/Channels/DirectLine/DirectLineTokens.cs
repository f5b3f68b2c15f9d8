using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Channels.DirectLine;

/// <summary>What a token allows: the REST calls of one conversation, or connecting its stream once.</summary>
internal enum TokenScope
{
    Conversation,
    Stream,
}

/// <summary>A valid token's claims.</summary>
internal sealed record DirectLineToken(string ConversationId, string UserId, TokenScope Scope, DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// Whether the token was given after its conversation started. Such a token never starts it again: when the
    /// conversation is gone (forgotten, or the service restarted), the client is told so instead.
    /// </summary>
    public bool ConversationStarted { get; init; }
}

/// <summary>Why a token was refused.</summary>
internal enum TokenProblem
{
    None,
    Missing,
    Invalid,
    Expired,
}

/// <summary>A token's claims when it is valid, otherwise why it is not.</summary>
internal readonly record struct DirectLineTokenCheck(DirectLineToken? Token, TokenProblem Problem);

/// <summary>
/// Issues and checks the built-in endpoint's tokens: JSON Web Tokens signed with HMAC-SHA256, each for one
/// conversation and one user, expiring. They are JWTs because Web Chat and DirectLineJS read the "user" claim of a
/// Direct Line token to know which activities are the user's own. Nothing is stored: the signature is the proof.
/// </summary>
internal sealed class DirectLineTokens
{
    // The only header this service writes or accepts; comparing it whole rules out "alg": "none" and key-confusion tricks.
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    // DateTimeOffset.MinValue and MaxValue in Unix seconds.
    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;

    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider clock)
    {
        var configured = options.Value.TokenSigningKey;
        _key = configured.Length > 0 ? Encoding.UTF8.GetBytes(configured) : RandomNumberGenerator.GetBytes(32);
        _clock = clock;
    }

    /// <summary>A new conversation's id: 144 random bits, so ids cannot be guessed (tokens are the guard; this is depth).</summary>
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));

    /// <summary>A new visitor's id; "dl_" marks user ids that come inside a token, as in Azure's Direct Line.</summary>
    public static string NewUserId() => "dl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    public string Issue(string conversationId, string userId, TokenScope scope, TimeSpan lifetime, bool conversationStarted = false) =>
        Issue(conversationId, userId, scope, _clock.GetUtcNow() + lifetime, conversationStarted);

    /// <summary>The same token, expiring at the same time, marked as given after its conversation started.</summary>
    public string AfterStart(DirectLineToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Issue(token.ConversationId, token.UserId, token.Scope, token.ExpiresAt, conversationStarted: true);
    }

    private string Issue(string conversationId, string userId, TokenScope scope, DateTimeOffset expiresAt, bool conversationStarted)
    {
        var claims = new TokenClaims
        {
            Conversation = conversationId,
            User = userId,
            Scope = scope == TokenScope.Stream ? "stream" : "conversation",
            IssuedAt = _clock.GetUtcNow().ToUnixTimeSeconds(),
            ExpiresAt = expiresAt.ToUnixTimeSeconds(),
            ConversationStarted = conversationStarted,
        };
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, TokenJson.Default.TokenClaims));
        var signed = $"{Header}.{payload}";
        return $"{signed}.{Base64Url.EncodeToString(Sign(signed))}";
    }

    /// <summary>Checks the signature, the expiry and the scope; which conversation it is for is the caller's check.</summary>
    public DirectLineTokenCheck Check(string? token, TokenScope scope)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new(null, TokenProblem.Missing);
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header || !Base64Url.IsValid(parts[2]))
        {
            return new(null, TokenProblem.Invalid);
        }

        if (!CryptographicOperations.FixedTimeEquals(Sign($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2])))
        {
            return new(null, TokenProblem.Invalid);
        }

        TokenClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[1]), TokenJson.Default.TokenClaims);
        }
        catch (Exception error) when (error is JsonException or FormatException)
        {
            // Signed with this key yet unreadable: only another version of this service could have written it.
            return new(null, TokenProblem.Invalid);
        }

        TokenScope? tokenScope = claims?.Scope switch
        {
            "conversation" => TokenScope.Conversation,
            "stream" => TokenScope.Stream,
            _ => null,
        };
        if (claims?.Conversation is not { Length: > 0 } conversation || claims.User is not { Length: > 0 } user || tokenScope != scope)
        {
            return new(null, TokenProblem.Invalid);
        }

        // Signed with this key, yet an expiry no date can hold: only someone holding the key could have written it.
        if (claims.ExpiresAt is < MinUnixSeconds or > MaxUnixSeconds)
        {
            return new(null, TokenProblem.Invalid);
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresAt);
        return expiresAt <= _clock.GetUtcNow()
            ? new(null, TokenProblem.Expired)
            : new(new DirectLineToken(conversation, user, scope, expiresAt) { ConversationStarted = claims.ConversationStarted }, TokenProblem.None);
    }

    /// <summary>Seconds until the token expires, as Direct Line's "expires_in".</summary>
    public int SecondsLeft(DirectLineToken token) => (int)Math.Max(0, (token.ExpiresAt - _clock.GetUtcNow()).TotalSeconds);

    private byte[] Sign(string value) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(value));
}

/// <summary>A token's payload: conversation, user, scope, issued-at and expiry, in JWT's short names, and whether the conversation had started.</summary>
internal sealed class TokenClaims
{
    [JsonPropertyName("conv")]
    public string? Conversation { get; set; }

    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("scp")]
    public string? Scope { get; set; }

    [JsonPropertyName("iat")]
    public long IssuedAt { get; set; }

    [JsonPropertyName("exp")]
    public long ExpiresAt { get; set; }

    [JsonPropertyName("started"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ConversationStarted { get; set; }
}

[JsonSerializable(typeof(TokenClaims))]
internal sealed partial class TokenJson : JsonSerializerContext;
