using BotChannels = Microsoft.Bot.Connector.Channels;
using Microsoft.Bot.Schema;

namespace CleanseBot.Channels;

/// <summary>What the channel a message came from can show, so that every option the bot offers can be clicked.</summary>
internal static class ChannelCapabilities
{
    /// <summary>
    /// Whether suggested actions (the buttons above the input box) are shown. Teams shows them only in personal
    /// chats; channels such as Slack never do. Where they are not shown, the bot sends hero-card buttons instead.
    /// </summary>
    public static bool ShowsSuggestedActions(IActivity activity)
    {
        switch (activity.ChannelId)
        {
            case BotChannels.Msteams:
                return activity.Conversation?.ConversationType is null or "personal";
            case BotChannels.Directline:
            case BotChannels.Webchat:
            case BotChannels.Emulator:
            case BotChannels.Test:
            case BotChannels.Facebook:
            case BotChannels.Telegram:
            case BotChannels.Line:
            case BotChannels.Skype:
                return true;
            default:
                return false;
        }
    }
}
