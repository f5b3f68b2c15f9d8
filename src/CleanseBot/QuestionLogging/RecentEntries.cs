using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace CleanseBot.QuestionLogging;

/// <summary>
/// A thread-safe map that keeps only its latest <c>capacity</c> entries, dropping the oldest first. For what a visitor
/// may act on minutes later (a rating, a choice), where losing a stale entry only means a suggestion is not recorded.
/// </summary>
internal sealed class RecentEntries<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private readonly ConcurrentQueue<TKey> _order = new();

    public void Set(TKey key, TValue value)
    {
        _entries[key] = value;
        _order.Enqueue(key);

        // A key set twice is queued twice; the earlier copy may evict the newer value early, which is harmless here.
        while (_order.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    public bool TryTake(TKey key, [MaybeNullWhen(false)] out TValue value) => _entries.TryRemove(key, out value);
}
