using CleanseBot.QuestionLogging;
using CleanseBot.Tests.DirectLine;

namespace CleanseBot.Tests.QuestionLogging;

/// <summary>The suggested alternates' memory stays bounded: conversations beyond the capacity and idle ones are not kept.</summary>
public sealed class ConversationNotesTests
{
    [Fact]
    public void Keeps_the_latest_note_of_each_conversation_up_to_its_capacity()
    {
        var notes = new ConversationNotes<string>(capacity: 2, TimeSpan.FromMinutes(30), new ManualClock(DateTimeOffset.UnixEpoch));

        notes.Set("a", "first");
        notes.Set("a", "second");
        notes.Set("b", "b's");
        notes.Set("c", "c's");

        Assert.True(notes.TryGet("a", out var a) && a == "second");
        Assert.True(notes.TryGet("b", out _));
        Assert.False(notes.TryGet("c", out _));
    }

    [Fact]
    public void Forgets_a_conversation_idle_for_longer_than_the_timeout_and_frees_its_place()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var notes = new ConversationNotes<string>(capacity: 1, TimeSpan.FromMinutes(30), clock);
        notes.Set("a", "a's");

        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.False(notes.TryGet("a", out _));
        notes.Set("b", "b's");
        Assert.True(notes.TryGet("b", out _));
    }
}
