using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace CleanseBot.Tests.Security;

/// <summary>
/// What /api/messages refuses for its size or shape, and what it takes calmly: a body over
/// Messaging:MaxRequestBodyBytes gets 413 whether or not it announces its length; a question over
/// Answering:MaxMessageLength gets a friendly request to shorten it; JSON that is not an activity gets 400;
/// an activity of a type the bot does not know is ignored with 200.
/// </summary>
public sealed class RequestLimitTests(ServiceWithoutRateLimits service) : IClassFixture<ServiceWithoutRateLimits>
{
    private static readonly int MaxBodyBytes = AppSettings.MaxRequestBodyBytes;
    private static readonly int MaxMessageLength = RealBot.Options.MaxMessageLength;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refuses_a_body_one_byte_over_the_limit_with_413(bool chunked)
    {
        using var response = await PostAsync(MessageOfSize(MaxBodyBytes + 1), chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Stops_reading_a_chunked_body_of_several_megabytes_at_the_limit()
    {
        try
        {
            using var response = await PostAsync(MessageOfSize(8 * MaxBodyBytes), chunked: true);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        catch (HttpRequestException closed) when (closed.GetBaseException() is IOException or System.Net.Sockets.SocketException)
        {
            // Also a refusal: having answered 413, the server closed the connection while the client was still sending.
        }

        using var health = await service.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Takes_a_body_of_exactly_the_limit(bool chunked)
    {
        using var response = await PostAsync(MessageOfSize(MaxBodyBytes), chunked);

        var text = await SingleReplyTextAsync(response);
        Assert.StartsWith("That message is ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asks_for_a_shorter_question_one_character_over_the_maximum_length()
    {
        var tooLong = new string('x', MaxMessageLength + 1);

        var replies = await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies(tooLong));

        var text = Expect.Text(Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
        Assert.Equal(
            $"That message is {MaxMessageLength + 1:N0} characters long; I can read up to {MaxMessageLength:N0}. Could you ask your question in a sentence or two?",
            text);
    }

    [Fact]
    public async Task Answers_a_question_of_exactly_the_maximum_length()
    {
        var question = "Why choose an alcohol-free toner?".PadRight(MaxMessageLength);

        var replies = await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies(question));

        Expect.AnswerOf(407, Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
    }

    public static TheoryData<string, string> MalformedActivities() => new()
    {
        { "content after the activity", Question().ToJsonString() + " {\"type\": \"message\"}" },
        { "JSON cut off in a string", Question().ToJsonString()[..40] },
        { "single quotes", "{'type': 'message'}" },
        { "only whitespace", "   \r\n\t  " },
        { "a type that is an array", With(activity => activity["type"] = new JsonArray("message")) },
        { "a type that is an object", With(activity => activity["type"] = new JsonObject { ["name"] = "message" }) },
        { "a conversation that is an array", With(activity => activity["conversation"] = new JsonArray()) },
        { "a channelId that is an object", With(activity => activity["channelId"] = new JsonObject()) },
        { "a from that is a number", With(activity => activity["from"] = 42) },
        { "attachments that are a string", With(activity => activity["attachments"] = "none") },
        { "entities that are an object", With(activity => activity["entities"] = new JsonObject { ["type"] = "mention" }) },
        { "a conversation id of blanks", With(activity => activity["conversation"] = new JsonObject { ["id"] = "   " }) },
        { "a null channelId", With(activity => activity["channelId"] = null) },
        { "a serviceUrl that is a number", With(activity => activity["serviceUrl"] = 80) },
        { "a javascript: serviceUrl", With(activity => activity["serviceUrl"] = "javascript:alert(1)") },
        { "a file: serviceUrl", With(activity => activity["serviceUrl"] = "file:///etc/passwd") },
    };

    [Theory]
    [MemberData(nameof(MalformedActivities))]
    public async Task Refuses_JSON_that_is_not_a_complete_activity_with_400(string problem, string body)
    {
        using var response = await Inbound.PostAsync(service.Client, body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"A body with {problem} got {(int)response.StatusCode}, not 400.");
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()), "The 400 does not say what is wrong.");
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("x-custom-event")]
    [InlineData("💬")]
    [InlineData("messagee")]
    public async Task Ignores_an_activity_of_a_type_it_does_not_know(string type)
    {
        var activity = Question();
        activity["type"] = type;

        using var response = await Inbound.PostAsync(service.Client, activity);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {body}");
        Assert.Empty(JsonConvert.DeserializeObject<ExpectedReplies>(body)!.Activities);
    }

    [Fact]
    public async Task Ignores_an_activity_of_a_type_thousands_of_characters_long()
    {
        var activity = Question();
        activity["type"] = new string('t', 5_000);

        using var response = await Inbound.PostAsync(service.Client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body, bool chunked)
    {
        HttpContent content = chunked ? new ChunkedContent(body) : new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } };
        return SendAndDisposeAsync(content);
    }

    private async Task<HttpResponseMessage> SendAndDisposeAsync(HttpContent content)
    {
        using (content)
        {
            return await service.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        }
    }

    private static async Task<string> SingleReplyTextAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {body}");
        var replies = JsonConvert.DeserializeObject<ExpectedReplies>(body)!.Activities;
        return Expect.Text(Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
    }

    // A message answered in the response whose JSON is exactly this many bytes, made up by the length of its text.
    private static byte[] MessageOfSize(int bytes)
    {
        var activity = Question();
        activity["text"] = "";
        var empty = Encoding.UTF8.GetByteCount(activity.ToJsonString());
        activity["text"] = new string('x', bytes - empty);
        var body = Encoding.UTF8.GetBytes(activity.ToJsonString());
        Assert.Equal(bytes, body.Length);
        return body;
    }

    private static JsonObject Question() => Inbound.ExpectingReplies("How often should I deep cleanse at home?");

    private static string With(Action<JsonObject> change)
    {
        var activity = Question();
        change(activity);
        return activity.ToJsonString();
    }
}
