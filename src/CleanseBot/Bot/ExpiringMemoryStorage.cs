using CleanseBot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace CleanseBot.Bot;

/// <summary>
/// The SDK's MemoryStorage, with its memory bounded: conversation state unused for a while is forgotten, and so is
/// the least recently used beyond a maximum. The SDK's own MemoryStorage keeps every conversation forever, so a
/// long-running service would grow without end. Keys are kept in order of use (a dictionary into a linked list), so
/// each read or write costs the same however many conversations are remembered.
/// </summary>
internal sealed class ExpiringMemoryStorage(IOptions<ConversationStateOptions> options, TimeProvider time) : IStorage
{
    private readonly MemoryStorage _inner = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, long LastUsed)>> _keys = new(StringComparer.Ordinal);

    // Least recently used first.
    private readonly LinkedList<(string Key, long LastUsed)> _byUse = new();
    private readonly Lock _gate = new();
    private readonly int _maxConversations = options.Value.MaxConversations;
    private readonly long _idleFor = (long)(options.Value.IdleTimeout.TotalSeconds * time.TimestampFrequency);

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await ForgetAsync(Touch(keys), cancellationToken).ConfigureAwait(false);
        return await _inner.ReadAsync(keys, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var forget = Touch(changes.Keys);
        await _inner.WriteAsync(changes, cancellationToken).ConfigureAwait(false);
        await ForgetAsync(forget, cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_keys.Remove(key, out var node))
                {
                    _byUse.Remove(node);
                }
            }
        }

        return _inner.DeleteAsync(keys, cancellationToken);
    }

    /// <summary>Marks the keys used now, and takes out of the order what must be forgotten: the idle, and the least recently used beyond the maximum.</summary>
    private List<string> Touch(IEnumerable<string> keys)
    {
        var now = time.GetTimestamp();
        var forget = new List<string>();
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_keys.TryGetValue(key, out var node))
                {
                    _byUse.Remove(node);
                    node.Value = (key, now);
                    _byUse.AddLast(node);
                }
                else
                {
                    _keys[key] = _byUse.AddLast((key, now));
                }
            }

            while (_byUse.First is { } oldest && (_keys.Count > _maxConversations || now - oldest.Value.LastUsed > _idleFor))
            {
                _byUse.RemoveFirst();
                _keys.Remove(oldest.Value.Key);
                forget.Add(oldest.Value.Key);
            }
        }

        return forget;
    }

    // Outside the lock, as MemoryStorage has its own: a conversation used again in the very instant it is forgotten
    // may lose what that turn saved, as it would have lost it had it been forgotten an instant earlier.
    private Task ForgetAsync(List<string> keys, CancellationToken cancellationToken) =>
        keys.Count == 0 ? Task.CompletedTask : _inner.DeleteAsync([.. keys], cancellationToken);
}
