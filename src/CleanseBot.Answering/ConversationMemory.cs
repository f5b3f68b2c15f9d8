namespace CleanseBot.Answering;

/// <summary>What the bot remembers of a conversation between turns, kept in the Bot Framework's ConversationState.</summary>
public sealed class ConversationMemory
{
    /// <summary>The pair answered last, so that "why?" or "and for dry skin?" can build on it.</summary>
    public int? LastPairId { get; set; }

    /// <summary>Pairs already answered in this conversation, so that "tell me more" moves on instead of repeating.</summary>
    public List<int> AnsweredPairIds { get; set; } = [];

    /// <summary>
    /// The warning-sign concepts the last message held ("treatment", "swelling"), so that a sign told over two messages
    /// is read whole: "had a peel on Monday", then "today it's weeping and I feel hot and cold".
    /// </summary>
    public List<string> WarningConcepts { get; set; } = [];

    public void Remember(int pairId)
    {
        LastPairId = pairId;
        AnsweredPairIds.Remove(pairId);
        AnsweredPairIds.Add(pairId);

        // Bounded: a long conversation must not grow the state without end.
        if (AnsweredPairIds.Count > 20)
        {
            AnsweredPairIds.RemoveAt(0);
        }
    }
}
