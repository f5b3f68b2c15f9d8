using System.ComponentModel.DataAnnotations;

namespace CleanseBot.Hosting;

/// <summary>How long the bot remembers a conversation (for follow-ups). Section "ConversationState" of appsettings.json.</summary>
public sealed class ConversationStateOptions
{
    public const string SectionName = "ConversationState";

    /// <summary>A conversation unused for this long is forgotten; "tell me more" after that starts afresh.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>At most this many conversations are remembered; beyond it the least recently used are forgotten.</summary>
    [Range(100, 10_000_000)]
    public int MaxConversations { get; set; } = 20_000;
}
