using System.Collections.Concurrent;
using CleanseBot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace CleanseBot.Bot;

/// <summary>
/// The SDK's MemoryStorage, with its memory bounded: conversation state unused for a while is forgotten, and so is
/// the least recently used beyond a maximum. The SDK's own MemoryStorage keeps every conversation forever, so a
/// long-running service would grow without end.
/// </summary>
internal sealed class ExpiringMemoryStorage(IOptions<ConversationStateOptions> options, TimeProvider time) : IStorage
{
    private readonly MemoryStorage _inner = new();
    private readonly ConcurrentDictionary<string, long> _lastUsed = new(StringComparer.Ordinal);
    private readonly ConversationStateOptions _options = options.Value;
    private readonly Lock _sweeping = new();

    // Nothing can have been idle long enough before a minute has passed: the first sweep is due then, not at the first
    // write, which would spend the first visitor's turn sorting an empty list.
    private long _nextSweep = time.GetTimestamp() + SweepInterval(time);

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        Touch(keys);
        return _inner.ReadAsync(keys, cancellationToken);
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        Touch(changes.Keys);
        await _inner.WriteAsync(changes, cancellationToken).ConfigureAwait(false);
        await SweepIfDueAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            _lastUsed.TryRemove(key, out _);
        }

        return _inner.DeleteAsync(keys, cancellationToken);
    }

    private void Touch(IEnumerable<string> keys)
    {
        var now = time.GetTimestamp();
        foreach (var key in keys)
        {
            _lastUsed[key] = now;
        }
    }

    // At most once a minute, or at once when over the maximum: sweeping costs a pass over every key.
    private async Task SweepIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        string[] forget;
        lock (_sweeping)
        {
            if (now < _nextSweep && _lastUsed.Count <= _options.MaxConversations)
            {
                return;
            }

            _nextSweep = now + SweepInterval(time);
            forget = Expired(now);
        }

        if (forget.Length > 0)
        {
            await DeleteAsync(forget, cancellationToken).ConfigureAwait(false);
        }
    }

    private string[] Expired(long now)
    {
        var idleFor = (long)(_options.IdleTimeout.TotalSeconds * time.TimestampFrequency);
        var byAge = _lastUsed.ToArray();
        Array.Sort(byAge, static (a, b) => a.Value.CompareTo(b.Value));
        var excess = byAge.Length - _options.MaxConversations;
        var forget = new List<string>();
        foreach (var (key, lastUsed) in byAge)
        {
            if (forget.Count < excess || now - lastUsed > idleFor)
            {
                forget.Add(key);
            }
        }

        return [.. forget];
    }

    private static long SweepInterval(TimeProvider time) => (long)(TimeSpan.FromMinutes(1).TotalSeconds * time.TimestampFrequency);
}
