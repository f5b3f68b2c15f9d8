using Microsoft.Bot.Schema;

namespace CleanseBot.Bot;

/// <summary>
/// Strips the bot's own @mention from a message, as the SDK's RemoveRecipientMention does, except that a mention
/// entity of the wrong shape (no "mentioned", a string where an object belongs) is skipped instead of failing the turn.
/// </summary>
internal static class Mentions
{
    /// <summary>The message's text without the @mentions of <paramref name="botId"/>.</summary>
    public static string? Remove(IMessageActivity activity, string botId)
    {
        var text = activity.Text;
        foreach (var entity in activity.Entities ?? [])
        {
            if (text is null || entity?.Type != "mention")
            {
                continue;
            }

            Mention mention;
            try
            {
                mention = entity.GetAs<Mention>();
            }
            catch (Newtonsoft.Json.JsonException)
            {
                continue;
            }

            if (mention?.Mentioned?.Id == botId && (mention.Text ?? (mention.Mentioned.Name is { } name ? $"<at>{name}</at>" : null)) is { Length: > 0 } mentionText)
            {
                text = text.Replace(mentionText, string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
            }
        }

        return text;
    }
}
