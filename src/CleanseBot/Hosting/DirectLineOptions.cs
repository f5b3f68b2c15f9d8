using System.ComponentModel.DataAnnotations;

namespace CleanseBot.Hosting;

/// <summary>
/// The web chat channel: the built-in Direct Line 3.0 endpoint, its tokens, the sites allowed to embed the widget,
/// and Azure mode. Section "DirectLine" of appsettings.json.
/// </summary>
public sealed class DirectLineOptions : IValidatableObject
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// Signs the conversation tokens (HMAC-SHA256); at least 32 characters; a secret, so set it as the environment
    /// variable DirectLine__TokenSigningKey. Empty: a random key per process, so tokens die with the process, as the
    /// conversations (kept in memory) do anyway.
    /// </summary>
    public string TokenSigningKey { get; set; } = "";

    /// <summary>How long a token lasts; clients refresh it before then (Web Chat does every 15 minutes).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A conversation with no message and no open stream for this long is forgotten.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Conversations kept at once. A live one (an open stream, or used within the idle timeout) is never forgotten to
    /// make room: when all are live, starting another gets 503 with Retry-After.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConversations { get; set; } = 2000;

    /// <summary>Conversations one client address may have at once; starting one more gets 429 with Retry-After.</summary>
    [Range(1, 1_000_000)]
    public int MaxConversationsPerClient { get; set; } = 20;

    /// <summary>Activities kept per conversation; older ones are dropped (clients already have them).</summary>
    [Range(10, 100_000)]
    public int MaxActivitiesPerConversation { get; set; } = 300;

    /// <summary>
    /// Memory the activities of one conversation may take (two bytes per character of their JSON); beyond it its
    /// oldest are dropped, the newest always kept. About forty questions and answers of an ordinary chat.
    /// </summary>
    [Range(16 * 1024, 1L << 36)]
    public long MaxConversationBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Memory the activities of every conversation together may take; beyond it the oldest activities of the least
    /// recently active conversations are dropped first. With the service's own 100-180 MB, the process stays under 300 MB.
    /// </summary>
    [Range(1024 * 1024, 1L << 40)]
    public long MaxStoreBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Origins (https://shop.example.com) of the sites that may embed the widget: CORS for the REST calls and the
    /// origin check on the WebSocket. The service's own pages are always allowed; "*" allows every site.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// The address browsers reach the service at (https://bot.example.com), for a service behind a proxy that changes
    /// the scheme or host; it is the base of the stream URLs and the widget's Direct Line domain. Empty: taken from each request.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>
    /// Azure mode: a Direct Line secret from the Azure Bot's Direct Line channel. Set, the widget gets Azure tokens from
    /// POST /api/webchat/token, which exchanges this secret server-side, and the built-in endpoint is off. A secret: set
    /// it as the environment variable DirectLine__Secret, never in the file.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>Azure's Direct Line base URL: the global one, or a regional one such as https://europe.directline.botframework.com/v3/directline.</summary>
    public string AzureEndpoint { get; set; } = "https://directline.botframework.com/v3/directline";

    public bool AzureMode => Secret.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxConversationBytes > MaxStoreBytes)
        {
            yield return new ValidationResult("DirectLine:MaxConversationBytes must not exceed DirectLine:MaxStoreBytes.", [nameof(MaxConversationBytes)]);
        }

        if (TokenSigningKey.Length is > 0 and < 32)
        {
            yield return new ValidationResult("DirectLine:TokenSigningKey must be at least 32 characters, or empty for a random key.", [nameof(TokenSigningKey)]);
        }

        foreach (var origin in AllowedOrigins)
        {
            if (origin != "*" && !IsOrigin(origin))
            {
                yield return new ValidationResult(
                    $"DirectLine:AllowedOrigins has '{origin}'; each must be \"*\" or an origin such as https://shop.example.com (scheme, host and port only).",
                    [nameof(AllowedOrigins)]);
            }
        }

        if (PublicUrl.Length > 0 && !IsHttpUrl(PublicUrl))
        {
            yield return new ValidationResult("DirectLine:PublicUrl must be an absolute http or https URL, or empty.", [nameof(PublicUrl)]);
        }

        if (!IsHttpUrl(AzureEndpoint))
        {
            yield return new ValidationResult("DirectLine:AzureEndpoint must be an absolute http or https URL.", [nameof(AzureEndpoint)]);
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsOrigin(string value) =>
        IsHttpUrl(value) && new Uri(value) is var uri && uri.PathAndQuery == "/" && !value.EndsWith('/') && uri.UserInfo.Length == 0;
}
