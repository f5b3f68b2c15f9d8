using System.Collections.Concurrent;
using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Channels.DirectLine;

/// <summary>
/// The open Direct Line conversations, in memory and bounded: at most <see cref="DirectLineOptions.MaxConversations"/>
/// (starting one more forgets the least recently used), and <see cref="DirectLineEviction"/> forgets idle ones.
/// Like the bot's conversation memory, this suits one instance of the service; several behind a load balancer would
/// need sticky sessions.
/// </summary>
internal sealed partial class DirectLineConversations(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineConversations> logger)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _startGate = new();
    private readonly DirectLineOptions _options = options.Value;

    public int Count => _conversations.Count;

    public DirectLineConversation? Find(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var conversation) ? conversation : null;

    /// <summary>The conversation with this id, started if it is not open yet.</summary>
    /// <returns>The conversation, and whether it was started now.</returns>
    public (DirectLineConversation Conversation, bool Started) GetOrStart(string conversationId, string userId)
    {
        if (Find(conversationId) is { } open)
        {
            return (open, false);
        }

        DirectLineConversation? forgotten = null;
        DirectLineConversation started;
        lock (_startGate)
        {
            if (Find(conversationId) is { } raced)
            {
                return (raced, false);
            }

            if (_conversations.Count >= _options.MaxConversations)
            {
                forgotten = LeastRecentlyUsed();
                if (forgotten is not null)
                {
                    _conversations.TryRemove(forgotten.Id, out _);
                }
            }

            started = new DirectLineConversation(conversationId, userId, _options.MaxActivitiesPerConversation, clock);
            _conversations[conversationId] = started;
        }

        if (forgotten is not null)
        {
            forgotten.End();
            LogFull(logger, _options.MaxConversations, forgotten.Id);
        }

        return (started, true);
    }

    /// <summary>Forgets the conversations idle for longer than the configured time.</summary>
    /// <returns>How many were forgotten.</returns>
    public int EvictIdle()
    {
        var cutoff = clock.GetUtcNow() - _options.ConversationIdleTimeout;
        var evicted = 0;
        foreach (var (id, conversation) in _conversations)
        {
            if (conversation.IsIdleSince(cutoff) && _conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(id, conversation)))
            {
                conversation.End();
                evicted++;
            }
        }

        return evicted;
    }

    // A scan, not an ordered structure: it runs only when the store is full, which a sized maximum makes rare.
    private DirectLineConversation? LeastRecentlyUsed()
    {
        DirectLineConversation? oldest = null;
        var oldestUse = DateTimeOffset.MaxValue;
        foreach (var conversation in _conversations.Values)
        {
            var lastUsed = conversation.LastUsed;
            if (lastUsed < oldestUse)
            {
                oldest = conversation;
                oldestUse = lastUsed;
            }
        }

        return oldest;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line holds its maximum of {MaxConversations} conversations; forgot the least recently used, {ConversationId}")]
    private static partial void LogFull(ILogger logger, int maxConversations, string conversationId);
}
