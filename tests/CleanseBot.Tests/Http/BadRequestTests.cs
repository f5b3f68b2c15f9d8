using System.Net;
using System.Text.Json.Nodes;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Http;

/// <summary>Whatever arrives at /api/messages, a malformed request is the sender's problem (4xx), never a server error.</summary>
[Collection(SharedRunningService.Name)]
public sealed class BadRequestTests(RunningService service)
{
    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "malformed JSON", "{\"type\": \"message\", " },
        { "an empty body", "" },
        { "a JSON array", "[1, 2, 3]" },
        { "a JSON string", "\"message\"" },
        { "JSON null", "null" },
        { "only a number as the type", """{"type": 5}""" },
        { "a string as the conversation", With(activity => activity["conversation"] = "x") },
        { "an object as the text", With(activity => activity["text"] = new JsonObject { ["a"] = 1 }) },
        { "no type", With(activity => activity.Remove("type")) },
        { "an empty type", With(activity => activity["type"] = "") },
        { "no conversation", With(activity => activity.Remove("conversation")) },
        { "a conversation without an id", With(activity => activity["conversation"] = new JsonObject()) },
        { "no channelId", With(activity => activity.Remove("channelId")) },
        { "no serviceUrl", With(activity => activity.Remove("serviceUrl")) },
        { "a relative serviceUrl", With(activity => activity["serviceUrl"] = "/v3/conversations") },
        { "an ftp serviceUrl", With(activity => activity["serviceUrl"] = "ftp://127.0.0.1/") },
        { "a serviceUrl that is not a URL", With(activity => activity["serviceUrl"] = "not a url") },
        { "a timestamp that is not a date", With(activity => activity["timestamp"] = "yesterday") },
        { "a string as the members added", With(activity => activity["membersAdded"] = "everyone") },
        { "JSON nested 10,000 deep", string.Concat(Enumerable.Repeat("[", 10_000)) },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Rejects_a_malformed_activity_with_a_client_error_that_says_why(string problem, string body)
    {
        using var response = await Inbound.PostAsync(service.Client, body);

        var status = (int)response.StatusCode;
        Assert.False(status >= 500, $"A request with {problem} got a server error {status}.");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()), "The 400 does not say what is wrong.");
    }

    [Theory]
    [InlineData("from")]
    [InlineData("recipient")]
    [InlineData("id")]
    [InlineData("locale")]
    public async Task Answers_a_message_without_optional_fields(string field)
    {
        var message = Inbound.ExpectingReplies("Why choose an alcohol-free toner?");
        message.Remove(field);

        var replies = await Inbound.RepliesToAsync(service.Client, message);

        Expect.AnswerOf(407, Assert.Single(replies, reply => reply.Type == "message"));
    }

    [Fact]
    public async Task Says_which_field_is_missing()
    {
        using var response = await Inbound.PostAsync(service.Client, With(activity => activity.Remove("serviceUrl")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("serviceUrl", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_request_that_is_not_json()
    {
        using var content = new StringContent("type=message&text=hello", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await service.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Does_not_accept_GET_on_the_messaging_endpoint()
    {
        using var response = await service.Client.GetAsync(new Uri("/api/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static string With(Action<JsonObject> change)
    {
        var activity = Inbound.Message("How often should I deep cleanse at home?", Inbound.UnusedServiceUrl, "expectReplies");
        change(activity);
        return activity.ToJsonString();
    }
}
