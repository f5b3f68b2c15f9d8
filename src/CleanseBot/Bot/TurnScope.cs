namespace CleanseBot.Bot;

/// <summary>The logging scope of one turn; structured loggers record its fields, the console shows "ConversationId:… ChannelId:…".</summary>
internal sealed class TurnScope(string conversationId, string channelId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => 2;

    public KeyValuePair<string, object> this[int index] => index switch
    {
        0 => new("ConversationId", conversationId),
        1 => new("ChannelId", channelId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"ConversationId:{conversationId} ChannelId:{channelId}";
}
