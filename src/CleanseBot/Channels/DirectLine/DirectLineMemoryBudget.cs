using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Channels.DirectLine;

/// <summary>
/// The memory every Direct Line conversation's activities take together, held to DirectLine:MaxStoreBytes: beyond
/// it, the oldest activities of the least recently active conversations are dropped first (their clients have them
/// already; only a reconnect from an old watermark would miss them). Conversations are kept in order of their last
/// activity, so each activity stored costs the same however many conversations there are.
/// </summary>
internal sealed class DirectLineMemoryBudget(IOptions<DirectLineOptions> options)
{
    private readonly long _maxBytes = options.Value.MaxStoreBytes;
    private readonly Lock _gate = new();

    // Conversations holding activities, least recently active first.
    private readonly LinkedList<DirectLineConversation> _byActivity = new();
    private long _bytes;

    /// <summary>The bytes the stored activities take now.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Counts what a conversation just stored (less what it dropped itself), and drops the oldest beyond the budget.</summary>
    public void Stored(DirectLineConversation conversation, long bytes)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        lock (_gate)
        {
            // Forgotten while the activity was posted: what it keeps is no longer the store's.
            if (conversation.Uncounted)
            {
                return;
            }

            _bytes += bytes;
            conversation.CountedBytes += bytes;
            var node = conversation.BudgetNode;
            if (node.List is not null)
            {
                _byActivity.Remove(node);
            }

            _byActivity.AddLast(node);

            // Conversation locks are taken inside this one, never the other way round.
            while (_bytes > _maxBytes && _byActivity.First is { } oldest)
            {
                var (freed, empty) = oldest.Value.DropOldest();
                _bytes -= freed;
                oldest.Value.CountedBytes -= freed;
                if (empty)
                {
                    _byActivity.Remove(oldest);
                }
            }
        }
    }

    /// <summary>Stops counting a forgotten conversation.</summary>
    public void Forgotten(DirectLineConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        lock (_gate)
        {
            conversation.Uncounted = true;
            _bytes -= conversation.CountedBytes;
            conversation.CountedBytes = 0;
            if (conversation.BudgetNode.List is not null)
            {
                _byActivity.Remove(conversation.BudgetNode);
            }
        }
    }
}
