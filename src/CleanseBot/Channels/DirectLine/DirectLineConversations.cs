using System.Collections.Concurrent;
using CleanseBot.Hosting;
using CleanseBot.Redis;
using Microsoft.Extensions.Options;

namespace CleanseBot.Channels.DirectLine;

/// <summary>Whether a conversation could be started.</summary>
internal enum ConversationStart
{
    /// <summary>Started now.</summary>
    Started,

    /// <summary>It had started already.</summary>
    Existing,

    /// <summary>The store holds its maximum of live conversations; none is forgotten to make room.</summary>
    StoreFull,

    /// <summary>The client's address has its share of conversations already.</summary>
    ClientAtLimit,
}

/// <summary>
/// The open Direct Line conversations, in memory and bounded: at most <see cref="DirectLineOptions.MaxConversations"/>,
/// and <see cref="DirectLineOptions.MaxConversationsPerClient"/> per client address. A live conversation is never
/// forgotten to make room for another (one client could otherwise end everyone's chats by starting new ones): when the
/// store is full, a new one is refused, until <see cref="DirectLineEviction"/> forgets idle ones. Their activities
/// are held to a byte budget (<see cref="DirectLineMemoryBudget"/>). With Redis on, a conversation lives in Redis
/// (<see cref="RedisDirectLineStore"/>) and any replica takes it up when asked for it; the limits above then count
/// the conversations each replica has taken up.
/// </summary>
internal sealed partial class DirectLineConversations(
    IOptions<DirectLineOptions> options,
    DirectLineMemoryBudget budget,
    TimeProvider clock,
    ILogger<DirectLineConversations> logger,
    RedisDirectLineStore? shared = null)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly Lock _startGate = new();
    private readonly DirectLineOptions _options = options.Value;
    private long _lastFullSweep = long.MinValue / 2;

    public int Count => _conversations.Count;

    public DirectLineConversation? Find(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var conversation) ? conversation : null;

    /// <summary>As <see cref="Find"/>; with Redis on, a conversation another replica started (or this one, before a restart) is taken up.</summary>
    /// <exception cref="SharedStateUnavailableException">Redis cannot be reached.</exception>
    public async Task<DirectLineConversation?> FindAsync(string conversationId)
    {
        var local = Find(conversationId);
        if (local is not null || shared is null)
        {
            return local;
        }

        return await shared.FindAsync(conversationId).ConfigureAwait(false) is { } owner
            ? TakeUp(conversationId, owner.UserId, owner.ClientAddress)
            : null;
    }

    /// <summary>As <see cref="GetOrStart"/>; with Redis on, a conversation is started once whichever replica is asked.</summary>
    /// <exception cref="SharedStateUnavailableException">Redis cannot be reached.</exception>
    public async Task<(DirectLineConversation? Conversation, ConversationStart Outcome)> GetOrStartAsync(string conversationId, string userId, string clientAddress)
    {
        if (shared is null)
        {
            return GetOrStart(conversationId, userId, clientAddress);
        }

        if (await FindAsync(conversationId).ConfigureAwait(false) is { } open)
        {
            return (open, ConversationStart.Existing);
        }

        // The replica's own limits first: a refused start leaves nothing behind in Redis.
        var attempt = GetOrStart(conversationId, userId, clientAddress);
        if (attempt.Conversation is null)
        {
            return attempt;
        }

        var (created, _, _) = await shared.CreateOrGetAsync(conversationId, userId, clientAddress).ConfigureAwait(false);
        return (attempt.Conversation, created ? ConversationStart.Started : ConversationStart.Existing);
    }

    /// <summary>Wakes the stream of a conversation open here, when another replica stored an activity in it.</summary>
    public void Wake(string conversationId) => Find(conversationId)?.Wake();

    /// <summary>Whether conversations live in Redis.</summary>
    public RedisDirectLineStore? Shared => shared;

    // A conversation that exists in Redis is taken up even beyond this replica's limits: refusing it would end a
    // chat another replica is carrying, and this replica holds none of its activities, only its stream.
    private DirectLineConversation TakeUp(string conversationId, string userId, string clientAddress)
    {
        lock (_startGate)
        {
            if (Find(conversationId) is { } raced)
            {
                return raced;
            }

            var limits = new ConversationLimits(_options.MaxActivitiesPerConversation, _options.MaxConversationBytes);
            var conversation = new DirectLineConversation(conversationId, userId, clientAddress, limits, budget, clock, shared);
            _conversations[conversationId] = conversation;
            _perClient[clientAddress] = _perClient.GetValueOrDefault(clientAddress) + 1;
            return conversation;
        }
    }

    /// <summary>The conversation with this id, started for the client at <paramref name="clientAddress"/> if it is not open yet and there is room.</summary>
    public (DirectLineConversation? Conversation, ConversationStart Outcome) GetOrStart(string conversationId, string userId, string clientAddress)
    {
        if (Find(conversationId) is { } open)
        {
            return (open, ConversationStart.Existing);
        }

        var attempt = TryStart(conversationId, userId, clientAddress);

        // Full, perhaps of conversations gone idle since the last sweep: those are looked for now, at most once a
        // second, since it costs a pass over every conversation.
        if (attempt.Outcome == ConversationStart.StoreFull && SweepIsDue())
        {
            EvictIdle();
            attempt = TryStart(conversationId, userId, clientAddress);
        }

        if (attempt.Outcome == ConversationStart.StoreFull)
        {
            LogFull(logger, _options.MaxConversations);
        }

        return attempt;
    }

    private bool SweepIsDue()
    {
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastFullSweep);
        return now - last >= clock.TimestampFrequency && Interlocked.CompareExchange(ref _lastFullSweep, now, last) == last;
    }

    private (DirectLineConversation? Conversation, ConversationStart Outcome) TryStart(string conversationId, string userId, string clientAddress)
    {
        lock (_startGate)
        {
            if (Find(conversationId) is { } raced)
            {
                return (raced, ConversationStart.Existing);
            }

            if (_conversations.Count >= _options.MaxConversations)
            {
                return (null, ConversationStart.StoreFull);
            }

            var held = _perClient.GetValueOrDefault(clientAddress);
            if (held >= _options.MaxConversationsPerClient)
            {
                LogClientAtLimit(logger, clientAddress, held);
                return (null, ConversationStart.ClientAtLimit);
            }

            var limits = new ConversationLimits(_options.MaxActivitiesPerConversation, _options.MaxConversationBytes);
            var started = new DirectLineConversation(conversationId, userId, clientAddress, limits, budget, clock, shared);
            _conversations[conversationId] = started;
            _perClient[clientAddress] = held + 1;
            return (started, ConversationStart.Started);
        }
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
                Forget(conversation);
                evicted++;
            }
        }

        return evicted;
    }

    private void Forget(DirectLineConversation conversation)
    {
        lock (_startGate)
        {
            var held = _perClient[conversation.ClientAddress] - 1;
            if (held == 0)
            {
                _perClient.Remove(conversation.ClientAddress);
            }
            else
            {
                _perClient[conversation.ClientAddress] = held;
            }
        }

        budget.Forgotten(conversation);
        conversation.End();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line holds its maximum of {MaxConversations} live conversations; refused a new one")]
    private static partial void LogFull(ILogger logger, int maxConversations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientAddress} has {Conversations} Direct Line conversations, its maximum; refused a new one")]
    private static partial void LogClientAtLimit(ILogger logger, string clientAddress, int conversations);
}
