using Microsoft.Bot.Schema;
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
        var message = new Entity(MessageEntityType);
        message.Properties["@context"] = "https://schema.org";
        message.Properties["@id"] = "";
        message.Properties["@type"] = "Message";
        message.Properties["potentialAction"] = new JArray(Action("LikeAction", turnId, Helpful), Action("DislikeAction", turnId, NotHelpful));
        reply.Entities ??= [];
        reply.Entities.Add(message);
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

    private static JObject Action(string type, Guid turnId, string rating) => new()
    {
        ["@type"] = type,
        ["@id"] = $"{TurnPrefix}{turnId:D}:{rating}",
    };

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
}
