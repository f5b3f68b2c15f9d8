using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace CleanseBot.QuestionLogging;

/// <summary>
/// One small note per conversation, kept in this process: replaced at each turn, so a note lives as long as the gap
/// between a conversation's turns, and forgotten after <c>idleTimeout</c>. At most <c>capacity</c> conversations are
/// noted; beyond that new ones are not, which only means their choices suggest nothing.
/// </summary>
internal sealed class ConversationNotes<TNote>(int capacity, TimeSpan idleTimeout, TimeProvider time)
    where TNote : class
{
    // Sweeping costs a pass over every note, so it is done at most this often, by whichever turn comes after.
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, TNote Note)> _notes = new(StringComparer.Ordinal);
    private int _count;
    private long _nextSweep = time.GetUtcNow().Add(SweepEvery).UtcTicks;

    public void Set(string conversation, TNote note)
    {
        var now = time.GetUtcNow();
        SweepIfDue(now);
        if (_notes.ContainsKey(conversation))
        {
            _notes[conversation] = (now, note);
            return;
        }

        if (Interlocked.Increment(ref _count) > capacity || !_notes.TryAdd(conversation, (now, note)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public bool TryGet(string conversation, [NotNullWhen(true)] out TNote? note)
    {
        if (_notes.TryGetValue(conversation, out var entry) && time.GetUtcNow() - entry.At < idleTimeout)
        {
            note = entry.Note;
            return true;
        }

        note = null;
        return false;
    }

    public void Remove(string conversation)
    {
        if (_notes.TryRemove(conversation, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweep, now.Add(SweepEvery).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (conversation, entry) in _notes)
        {
            if (now - entry.At >= idleTimeout)
            {
                Remove(conversation);
            }
        }
    }
}
