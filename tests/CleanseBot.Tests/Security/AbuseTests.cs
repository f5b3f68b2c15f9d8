using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using CleanseBot.Answering;
using CleanseBot.Tests.DirectLine;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CleanseBot.Tests.Security;

/// <summary>
/// One client against everyone else, over real HTTP, bounded in time (well under two minutes together): it cannot
/// end another visitor's chat, cannot grow the service's memory past its budget, cannot slow it down by making it
/// remember many conversations, and cannot make it post to an address of its choosing. Where the behaviour is the
/// same at any size, the limits are set small so that the attack is short.
/// </summary>
public sealed class AbuseTests(ITestOutputHelper output)
{
    private const string Question = "Why choose an alcohol-free toner?";

    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress Visitor = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task An_eviction_attack_from_one_address_leaves_another_visitors_open_chat_running()
    {
        // Every request of the attack is let through the per-address limit: the conversations' limits are what is tested.
        await using var bot = await StartAsync(new() { ["DirectLine:MaxConversations"] = "10", ["RateLimiting:RequestsPerClientPerSecond"] = "100000" });
        using var visitor = ClientAddresses.From(Visitor, BaseAddress(bot));
        using var attacker = ClientAddresses.From(Attacker, BaseAddress(bot));
        var (chat, started) = await DirectLineSession.StartedAsync(visitor);
        using var stream = await DirectLineStreams.ConnectAsync((string)started["streamUrl"]!);
        await DirectLineStreams.NextSetAsync(stream);

        var refusals = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 15; attempt++)
        {
            var session = await DirectLineSession.NewAsync(attacker);
            var response = await session.SendAsync(HttpMethod.Post, "/conversations");
            if (response.StatusCode != HttpStatusCode.Created)
            {
                refusals.Add(response);
            }
        }

        var id = await chat.PostAsync(DirectLineSession.Message(Question));
        Expect.AnswerOf(407, await DirectLineStreams.ReplyToAsync(stream, id));
        var refusal = Assert.IsType<HttpResponseMessage>(refusals.FirstOrDefault(), exactMatch: false);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusal.StatusCode);
        Assert.True(refusal.Headers.RetryAfter?.Delta > TimeSpan.Zero, "The 503 has no Retry-After.");
        refusals.ForEach(response => response.Dispose());
    }

    [Fact]
    public async Task One_address_gets_only_its_share_of_new_conversations_and_others_still_start_theirs()
    {
        await using var bot = await StartAsync(new() { ["DirectLine:MaxConversationsPerClient"] = "3" });
        using var visitor = ClientAddresses.From(Visitor, BaseAddress(bot));
        using var attacker = ClientAddresses.From(Attacker, BaseAddress(bot));

        var statuses = new List<HttpStatusCode>();
        TimeSpan? retryAfter = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await (await DirectLineSession.NewAsync(attacker)).SendAsync(HttpMethod.Post, "/conversations");
            statuses.Add(response.StatusCode);
            retryAfter = response.Headers.RetryAfter?.Delta;
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(retryAfter > TimeSpan.Zero, "The 429 has no Retry-After.");
        await DirectLineSession.StartedAsync(visitor);
    }

    [Fact]
    public async Task A_memory_attack_at_the_default_limits_keeps_the_service_under_300_MB()
    {
        const long Budget = 300L * 1024 * 1024;
        await using var service = await CleanseBotProcess.StartAsync(new Dictionary<string, string>(), new Dictionary<string, string>());

        // As in the report: one address, as many conversations and messages as the default limits let through, each
        // message as large as the body limit allows; half of it text (which the service shortens) and half channelData
        // (which it keeps as sent), so that what is kept has to fit the store's byte budget.
        var text = new string('a', 120_000);
        var padding = new string('b', 120_000);
        var sent = 0L;
        var accepted = 0;
        var deadline = Stopwatch.StartNew();
        var conversations = new List<DirectLineSession>();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (await TryStartAsync(service.Client) is { } session)
            {
                conversations.Add(session);
            }

            var posts = conversations.Select(async conversation =>
            {
                var message = DirectLineSession.Message(text);
                message["channelData"]!["padding"] = padding;
                using var response = await conversation.PostActivityAsync(message);
                return response.StatusCode;
            });
            var statuses = await Task.WhenAll(posts);
            accepted += statuses.Count(status => status == HttpStatusCode.OK);
            sent += statuses.Length;
        }

        var peak = service.PeakResidentBytes;
        output.WriteLine($"Peak RSS {peak / 1048576} MB; {accepted} of {sent} messages accepted, {conversations.Count} conversations started.");
        Assert.True(accepted * 480_000L > 2 * AppSettings.DirectLine.MaxStoreBytes, $"Only {accepted} of {sent} messages got through: too few to test the store's budget.");
        Assert.True(peak <= Budget, $"Peak RSS {peak / 1048576} MB after {accepted} messages of 240,000 characters got through.");
    }

    [Fact]
    public async Task New_conversations_are_answered_as_fast_with_100000_remembered_as_with_1000()
    {
        await using var few = await RememberingAsync(1_000);
        await using var many = await RememberingAsync(100_000);
        using var fewClient = few.CreateClient();
        using var manyClient = many.CreateClient();

        // Side by side, alternating, the best of three rounds each: the machine's noise is not the service's.
        var fewRates = new List<double>();
        var manyRates = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            fewRates.Add(await NewConversationsPerSecondAsync(fewClient));
            manyRates.Add(await NewConversationsPerSecondAsync(manyClient));
        }

        var ratio = manyRates.Max() / fewRates.Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"New conversations per second, with 1,000 remembered: {string.Join(", ", fewRates.Select(rate => rate.ToString("F0", CultureInfo.InvariantCulture)))}; with 100,000: {string.Join(", ", manyRates.Select(rate => rate.ToString("F0", CultureInfo.InvariantCulture)))}."));
        Assert.True(ratio >= 0.5, string.Create(CultureInfo.InvariantCulture, $"With 100,000 remembered: {manyRates.Max():F0}/s, with 1,000: {fewRates.Max():F0}/s ({ratio:F2}×)."));
    }

    [Fact]
    public async Task A_relay_attempt_without_an_app_id_is_refused_and_reaches_nothing()
    {
        await using var internalService = await SinkConnector.StartAsync(address: SinkConnector.MachineAddress());
        await using var bot = await StartAsync([]);
        using var client = bot.CreateClient();

        using var response = await Inbound.PostAsync(client, Inbound.Message(Question, internalService.ServiceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Messaging:AllowedServiceUrls", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, internalService.Received);
        Assert.Contains(bot.Logs.Entries, entry => entry.Message.Contains("Messaging:AllowedServiceUrls", StringComparison.Ordinal)
            && entry.Message.Contains(internalService.ServiceUrl.Authority, StringComparison.Ordinal));
    }

    // A new conversation when the service lets one more start; the per-address limit may refuse the token already.
    private static async Task<DirectLineSession?> TryStartAsync(HttpClient client)
    {
        using var token = await client.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);
        if (token.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var body = (await token.Content.ReadFromJsonAsync<JsonObject>())!;
        var session = new DirectLineSession(client, (string)body["conversationId"]!, (string)body["token"]!);
        using var start = await session.SendAsync(HttpMethod.Post, "/conversations");
        return start.StatusCode == HttpStatusCode.Created ? session : null;
    }

    // Turns for 2 seconds, four at a time, each the first of a new conversation.
    private static async Task<double> NewConversationsPerSecondAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        var answered = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                var message = Inbound.ExpectingReplies(Question);
                using var response = await Inbound.PostAsync(client, message);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref answered);
            }
        }));
        return answered / clock.Elapsed.TotalSeconds;
    }

    // A service that remembers this many conversations already, as the bot saves them; without rate limits, because
    // all the test's turns come from one address.
    private static async Task<CleanseBotServer> RememberingAsync(int conversations)
    {
        var bot = await StartAsync(new()
        {
            ["ConversationState:MaxConversations"] = conversations.ToString(CultureInfo.InvariantCulture),
            ["RateLimiting:Enabled"] = "false",
        });
        var storage = bot.Services.GetRequiredService<IStorage>();
        for (var start = 0; start < conversations; start += 1_000)
        {
            var batch = new Dictionary<string, object>();
            for (var i = start; i < start + 1_000; i++)
            {
                var memory = new ConversationMemory();
                memory.Remember(407);
                batch[$"emulator/conversations/remembered-{i}"] = new Dictionary<string, object> { [nameof(ConversationMemory)] = memory };
            }

            await storage.WriteAsync(batch);
        }

        return bot;
    }

    private static Uri BaseAddress(CleanseBotServer bot)
    {
        using var client = bot.CreateClient();
        return client.BaseAddress!;
    }

    private static async Task<CleanseBotServer> StartAsync(Dictionary<string, string?> settings)
    {
        var bot = new CleanseBotServer(settings, services: null);
        await bot.StartAndWaitUntilReadyAsync();
        return bot;
    }
}
