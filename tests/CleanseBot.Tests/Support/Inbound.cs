using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BotChannels = Microsoft.Bot.Connector.Channels;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace CleanseBot.Tests.Support;

/// <summary>Activities as a channel would POST them to /api/messages, and the bot's HTTP answer.</summary>
internal static class Inbound
{
    /// <summary>Where no reply is ever sent: the activities that use it are answered in the HTTP response.</summary>
    public static readonly Uri UnusedServiceUrl = new("http://127.0.0.1:9/");

    public static JsonObject Message(string text, Uri serviceUrl, string? deliveryMode = null, string channelId = BotChannels.Emulator)
    {
        var activity = Activity("message", serviceUrl, channelId);
        activity["text"] = text;
        if (deliveryMode is not null)
        {
            activity["deliveryMode"] = deliveryMode;
        }

        return activity;
    }

    /// <summary>A message answered in the HTTP response (deliveryMode "expectReplies") rather than through the connector.</summary>
    public static JsonObject ExpectingReplies(string text, string channelId = BotChannels.Emulator) =>
        Message(text, UnusedServiceUrl, DeliveryModes.ExpectReplies, channelId);

    public static JsonObject UserJoined(Uri serviceUrl)
    {
        var activity = Activity("conversationUpdate", serviceUrl);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-1", ["name"] = "User" });
        return activity;
    }

    public static JsonObject Activity(string type, Uri serviceUrl, string channelId = BotChannels.Emulator) => new()
    {
        ["type"] = type,
        ["id"] = "activity-" + Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = channelId,
        ["serviceUrl"] = serviceUrl.ToString(),
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "User" },
        ["recipient"] = new JsonObject { ["id"] = "cleansebot", ["name"] = "CleanseBot" },
        ["conversation"] = new JsonObject { ["id"] = "conversation-" + Guid.NewGuid().ToString("N") },
        ["locale"] = "en-US",
    };

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonNode activity) => PostAsync(client, activity.ToJsonString());

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>Posts an "expectReplies" activity and returns the replies from the response body, traces included.</summary>
    public static async Task<IList<Activity>> RepliesToAsync(HttpClient client, JsonNode activity)
    {
        using var response = await PostAsync(client, activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {body}");
        return JsonConvert.DeserializeObject<ExpectedReplies>(body)!.Activities;
    }
}
