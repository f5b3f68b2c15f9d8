using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace CleanseBot.Benchmarks;

/// <summary>
/// Messages as Web Chat (Direct Line) would POST them, answered in the HTTP response (deliveryMode "expectReplies")
/// so that no reply goes out to a connector. They spread over a fixed number of conversations: the bot keeps
/// memory per conversation, and a real load has many conversations, each with several messages.
/// </summary>
internal static class InboundActivities
{
    public const int Conversations = 64;

    // Never called: expectReplies answers travel in the HTTP response.
    private const string UnusedServiceUrl = "http://127.0.0.1:9/";

    public static Activity Message(string text, int sequence) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"bench-{sequence}",
        ChannelId = Microsoft.Bot.Connector.Channels.Directline,
        ServiceUrl = UnusedServiceUrl,
        From = new ChannelAccount($"bench-user-{sequence % Conversations}", "Visitor"),
        Recipient = new ChannelAccount("cleansebot", "CleanseBot"),
        Conversation = new ConversationAccount(id: $"bench-conversation-{sequence % Conversations}"),
        Locale = "en-US",
        DeliveryMode = DeliveryModes.ExpectReplies,
        Text = text,
    };

    /// <summary>The JSON body of <see cref="Message"/>, on one line, as the SDK itself would write it.</summary>
    public static string Json(string text, int sequence) =>
        JsonConvert.SerializeObject(Message(text, sequence), new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });
}
