using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Channels;

/// <summary>
/// Teams' own feedback loop: a bot message with channelData.feedbackLoopEnabled shows 👍 and 👎 (and a box for a
/// comment), and a click sends the bot a "message/submitAction" invoke whose replyToId is the rated message's id, with
/// value { actionName: "feedback", actionValue: { reaction: "like" | "dislike", feedback } }. The bot must answer it
/// with 200. The comment is not kept: it is free text a visitor may fill with anything about themselves.
/// </summary>
internal static class TeamsFeedback
{
    public const string InvokeName = "message/submitAction";

    public static bool Shows(IActivity activity) => activity.ChannelId == BotChannels.Msteams;

    public static void Offer(IMessageActivity reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var channelData = reply.ChannelData as JObject ?? (reply.ChannelData is null ? [] : JObject.FromObject(reply.ChannelData));
        channelData["feedbackLoopEnabled"] = true;
        reply.ChannelData = channelData;
    }

    /// <summary>Reads a feedback invoke: the rated reply's id and whether the visitor found it helpful; false for any other invoke.</summary>
    public static bool TryRead(IInvokeActivity activity, out string replyId, out bool helpful)
    {
        replyId = activity.ReplyToId ?? "";
        helpful = false;
        if (activity.Name != InvokeName || replyId.Length == 0 || activity.Value is null)
        {
            return false;
        }

        var value = activity.Value as JObject ?? JObject.FromObject(activity.Value);
        if ((string?)value["actionName"] != "feedback" || value["actionValue"]?["reaction"] is not JValue { Value: string reaction })
        {
            return false;
        }

        helpful = reaction == "like";
        return reaction is "like" or "dislike";
    }
}
