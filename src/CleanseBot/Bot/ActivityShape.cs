using Microsoft.Bot.Schema;

namespace CleanseBot.Bot;

/// <summary>The fields an inbound activity must have before the SDK can process it; without them it would fail deep inside with a 500.</summary>
internal static class ActivityShape
{
    /// <summary>Why the activity cannot be processed, or null when it can.</summary>
    public static string? Problem(Activity? activity)
    {
        if (activity is null)
        {
            return "The body must be a JSON Bot Framework activity.";
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no 'type'.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no 'conversation.id'.";
        }

        if (!activity.Conversation.Id.All(c => c is >= ' ' and <= '~'))
        {
            return "The activity's 'conversation.id' must be printable ASCII.";
        }

        if (activity.Id is { } id && id.Any(char.IsControl))
        {
            return "The activity's 'id' must have no control characters.";
        }

        if (activity.ChannelData is not null and not Newtonsoft.Json.Linq.JObject)
        {
            return "The activity's 'channelData' must be a JSON object.";
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "The activity has no 'channelId'.";
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttp && serviceUrl.Scheme != Uri.UriSchemeHttps))
        {
            return "The activity's 'serviceUrl' must be an absolute http or https URL.";
        }

        return null;
    }
}
