using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Channels;

/// <summary>
/// Web Chat's own feedback buttons (4.18): a bot message whose schema.org Message entity offers a LikeAction and a
/// DislikeAction shows 👍 and 👎 under it, and a click sends the bot an event, "webchat:activity-status/feedback",
/// carrying the chosen action. Each action's @id names the logged turn, so the event says which answer it rates.
/// </summary>
internal static class WebChatFeedback
{
    public const string EventName = "webchat:activity-status/feedback";

    private const string MessageEntityType = "https://schema.org/Message";
    private const string Helpful = "helpful";
    private const string NotHelpful = "not-helpful";
    private const string TurnPrefix = "urn:cleansebot:turn:";

    /// <summary>The channels whose client is Web Chat: the built-in Direct Line, Azure's Web Chat and Direct Line, and the Emulator.</summary>
    public static bool Shows(IActivity activity) =>
        activity.ChannelId is BotChannels.Directline or BotChannels.Webchat or BotChannels.Emulator;

    /// <summary>Offers 👍 and 👎 on <paramref name="reply"/>, naming <paramref name="turnId"/>.</summary>
    public static void Offer(IMessageActivity reply, Guid turnId)
    {
        ArgumentNullException.ThrowIfNull(reply);
        reply.Entities ??= [];
        reply.Entities.Add(new MessageEntity(turnId));
    }

    /// <summary>Reads a feedback event: which turn, and whether the visitor found it helpful; false for any other event.</summary>
    public static bool TryRead(IEventActivity activity, out Guid turnId, out bool helpful)
    {
        turnId = default;
        helpful = false;
        if (activity.Name != EventName || activity.Entities is null)
        {
            return false;
        }

        foreach (var entity in activity.Entities)
        {
            if (entity.Properties?["@id"] is JValue { Value: string id } && TryParseId(id, out turnId, out helpful))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseId(string id, out Guid turnId, out bool helpful)
    {
        turnId = default;
        helpful = false;
        if (!id.StartsWith(TurnPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = id[TurnPrefix.Length..].Split(':');
        if (parts is not [var turn, Helpful or NotHelpful] || !Guid.TryParseExact(turn, "D", out turnId))
        {
            return false;
        }

        helpful = parts[1] == Helpful;
        return true;
    }

    /// <summary>
    /// The Message entity with its two actions, as typed properties: every answer in Web Chat carries one, and built
    /// as a JObject with a JObject per action it cost 3.4 KB of allocations an answer, and more to write
    /// (docs/performance.md). It is written the same, and read back by any client as a plain entity. Its properties
    /// have setters only because the Bot Framework's serializer settings leave read-only properties out.
    /// </summary>
    private sealed class MessageEntity(Guid turnId) : Entity(MessageEntityType)
    {
        [JsonProperty("@context")]
        public string Context { get; set; } = "https://schema.org";

        [JsonProperty("@id")]
        public string Id { get; set; } = "";

        [JsonProperty("@type")]
        public string SchemaType { get; set; } = "Message";

        [JsonProperty("potentialAction")]
        public IReadOnlyList<FeedbackAction> PotentialAction { get; set; } =
            [new("LikeAction", $"{TurnPrefix}{turnId:D}:{Helpful}"), new("DislikeAction", $"{TurnPrefix}{turnId:D}:{NotHelpful}")];
    }

    private sealed record FeedbackAction([property: JsonProperty("@type")] string Type, [property: JsonProperty("@id")] string Id);
}
