using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace CleanseBot.Tests.DirectLine;

/// <summary>
/// A Direct Line client of the kind Web Chat is, over real HTTP: a token from the widget's endpoint, then the
/// /v3/directline calls with it. Responses are returned raw where a test checks status codes.
/// </summary>
internal sealed class DirectLineSession(HttpClient http, string conversationId, string token)
{
    public const string BasePath = "/v3/directline";

    public string ConversationId { get; } = conversationId;

    public string Token { get; set; } = token;

    /// <summary>A token for a new conversation from POST /api/webchat/token, as the widget gets it.</summary>
    public static async Task<DirectLineSession> NewAsync(HttpClient http)
    {
        using var response = await http.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new DirectLineSession(http, (string)body["conversationId"]!, (string)body["token"]!);
    }

    /// <summary>A new conversation, started, with its start response (which holds the stream URL).</summary>
    public static async Task<(DirectLineSession Session, JsonObject Started)> StartedAsync(HttpClient http)
    {
        var session = await NewAsync(http);
        using var response = await session.SendAsync(HttpMethod.Post, "/conversations");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (session, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public static JsonObject Message(string text, string? clientActivityId = null) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["from"] = new JsonObject { ["id"] = "r_client_chosen_id", ["name"] = "Visitor" },
        ["locale"] = "en-US",
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId ?? Guid.NewGuid().ToString("N") },
    };

    /// <summary>Posts a message and returns the id the service gave it.</summary>
    public async Task<string> PostAsync(JsonObject activity)
    {
        using var response = await PostActivityAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {body}");
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? conversationId = null) =>
        SendAsync(HttpMethod.Post, $"/conversations/{conversationId ?? ConversationId}/activities", JsonContent.Create(activity));

    /// <summary>GET /activities?watermark=, as polling clients call it.</summary>
    public async Task<ActivitySet> GetActivitiesAsync(string? watermark = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/conversations/{ConversationId}/activities?watermark={watermark}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {body}");
        return ActivitySet.Parse(body);
    }

    /// <summary>Every activity so far, following the watermark from page to page.</summary>
    public async Task<List<Activity>> AllActivitiesAsync()
    {
        var all = new List<Activity>();
        string? watermark = null;
        while (true)
        {
            var set = await GetActivitiesAsync(watermark);
            if (set.Activities.Count == 0)
            {
                return all;
            }

            all.AddRange(set.Activities);
            watermark = set.Watermark;
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(BasePath + path, UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return await http.SendAsync(request);
    }
}

/// <summary>Direct Line's {"activities": [...], "watermark": "n"}, with the activities as the Bot Framework reads them.</summary>
internal sealed record ActivitySet(List<Activity> Activities, string Watermark, string Json)
{
    public static ActivitySet Parse(string json)
    {
        var set = JsonConvert.DeserializeObject<ActivitySetBody>(json)!;
        return new ActivitySet(set.Activities, set.Watermark, json);
    }

    private sealed class ActivitySetBody
    {
        [JsonProperty("activities")]
        public List<Activity> Activities { get; set; } = [];

        [JsonProperty("watermark")]
        public string Watermark { get; set; } = "";
    }
}
