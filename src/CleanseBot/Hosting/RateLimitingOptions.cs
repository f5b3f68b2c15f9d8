using System.ComponentModel.DataAnnotations;

namespace CleanseBot.Hosting;

/// <summary>
/// Rate limits on /api/messages, answered with 429 and Retry-After. Section "RateLimiting" of appsettings.json.
/// The defaults are never met by a person typing, and rarely by a busy site behind one address.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>False turns both limits off, e.g. for load benchmarks.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages one conversation may send per minute (sliding window).</summary>
    [Range(1, 100_000)]
    public int MessagesPerConversationPerMinute { get; set; } = 30;

    /// <summary>Requests one client address may send per second.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerClientPerSecond { get; set; } = 50;
}
