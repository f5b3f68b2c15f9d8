using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Security;

/// <summary>
/// Rate limits on /api/messages, on by default: 30 messages a minute per conversation and 50 requests a second per
/// client address, each answered beyond the limit with 429 and a Retry-After in whole seconds; RateLimiting:Enabled
/// false turns both off. Each test has a service of its own, so that no other test's requests count against it.
/// </summary>
public sealed class RateLimitTests
{
    private const string Question = "Why choose an alcohol-free toner?";

    [Fact]
    public void Limits_by_default_to_30_messages_a_minute_per_conversation_and_50_requests_a_second_per_address()
    {
        var defaults = AppSettings.RateLimiting;

        Assert.True(defaults.Enabled);
        Assert.Equal(30, defaults.MessagesPerConversationPerMinute);
        Assert.Equal(50, defaults.RequestsPerClientPerSecond);
    }

    [Fact]
    public async Task Answers_the_31st_message_of_a_conversation_in_a_minute_with_429_and_still_answers_other_conversations()
    {
        await using var service = await StartedService.StartAsync([]);
        var conversation = NewConversationId();

        for (var message = 1; message <= 30; message++)
        {
            using var accepted = await SendAsync(service, conversation);
            Assert.True(accepted.StatusCode == HttpStatusCode.OK, $"Message {message} of 30 got {(int)accepted.StatusCode}.");
        }

        using var rejected = await SendAsync(service, conversation);
        var retryAfter = AssertTooManyRequests(rejected);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Empty(await rejected.Content.ReadAsStringAsync());
        var replies = await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies(Question));
        Expect.AnswerOf(407, Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
    }

    [Fact]
    public async Task Applies_the_configured_number_of_messages_per_conversation()
    {
        await using var service = await StartedService.StartAsync(new() { ["RateLimiting:MessagesPerConversationPerMinute"] = "3" });
        var conversation = NewConversationId();

        var statuses = new List<HttpStatusCode>();
        for (var message = 1; message <= 4; message++)
        {
            using var response = await SendAsync(service, conversation);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Does_not_count_a_conversation_joining_against_its_messages()
    {
        await using var service = await StartedService.StartAsync(new() { ["RateLimiting:MessagesPerConversationPerMinute"] = "1" });
        var conversation = NewConversationId();
        var joined = Inbound.Activity("conversationUpdate", Inbound.UnusedServiceUrl);
        joined["conversation"] = new JsonObject { ["id"] = conversation };
        joined["deliveryMode"] = DeliveryModes.ExpectReplies;
        joined["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-1" });

        using var welcomed = await Inbound.PostAsync(service.Client, joined);
        using var asked = await SendAsync(service, conversation);

        Assert.Equal(HttpStatusCode.OK, welcomed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
    }

    [Fact]
    public async Task Answers_429_when_one_address_sends_more_than_50_requests_in_a_second()
    {
        await using var service = await StartedService.StartAsync([]);

        // Each request in a conversation of its own, so only the per-address limit can refuse them.
        var responses = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => SendAsync(service, NewConversationId())));

        try
        {
            var rejected = responses.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.NotEmpty(rejected);
            Assert.All(rejected, response => Assert.Equal(1, AssertTooManyRequests(response)));
            Assert.InRange(responses.Count(response => response.StatusCode == HttpStatusCode.OK), 50, 150 - rejected.Count);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Answers_all_of_a_hundred_quick_messages_in_one_conversation_when_rate_limiting_is_disabled()
    {
        await using var service = await StartedService.StartAsync(new() { ["RateLimiting:Enabled"] = "false" });
        var conversation = NewConversationId();

        for (var message = 1; message <= 100; message++)
        {
            using var response = await SendAsync(service, conversation);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Message {message} of 100 got {(int)response.StatusCode}.");
        }
    }

    [Fact]
    public async Task Takes_hundreds_of_requests_at_once_from_one_address_when_rate_limiting_is_disabled()
    {
        await using var service = await StartedService.StartAsync(new() { ["RateLimiting:Enabled"] = "false" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => SendAsync(service, NewConversationId())));

        try
        {
            Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    // Retry-After in whole seconds (RFC 9110 allows a date too; the service promises seconds).
    private static int AssertTooManyRequests(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Retry-After", out var values), "The 429 has no Retry-After.");
        var value = Assert.Single(values);
        Assert.True(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0, $"Retry-After '{value}' is not a positive whole number of seconds.");
        return seconds;
    }

    private static Task<HttpResponseMessage> SendAsync(StartedService service, string conversationId)
    {
        var message = Inbound.ExpectingReplies(Question);
        message["conversation"] = new JsonObject { ["id"] = conversationId };
        return Inbound.PostAsync(service.Client, message);
    }

    private static string NewConversationId() => "conversation-" + Guid.NewGuid().ToString("N");
}
