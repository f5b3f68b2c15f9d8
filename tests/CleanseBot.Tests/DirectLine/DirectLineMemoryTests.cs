using System.Net;
using CleanseBot.Channels.DirectLine;
using CleanseBot.Hosting;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanseBot.Tests.DirectLine;

/// <summary>Conversations are kept in memory, so how many and for how long is bounded.</summary>
public sealed class DirectLineMemoryTests
{
    [Fact]
    public async Task Forgets_a_conversation_idle_for_longer_than_the_configured_time()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var bot = new CleanseBotServer(
            new Dictionary<string, string?> { ["DirectLine:ConversationIdleTimeout"] = "00:05:00" },
            services => services.AddSingleton<TimeProvider>(clock));
        await bot.StartAndWaitUntilReadyAsync();
        using var client = bot.CreateClient();
        var (idle, _) = await DirectLineSession.StartedAsync(client);
        var (busy, _) = await DirectLineSession.StartedAsync(client);
        var conversations = bot.Services.GetRequiredService<DirectLineConversations>();

        clock.Advance(TimeSpan.FromMinutes(4));
        await busy.PostAsync(DirectLineSession.Message("hi"));
        clock.Advance(TimeSpan.FromMinutes(2));
        var evicted = conversations.EvictIdle();

        Assert.Equal(1, evicted);
        using var gone = await idle.SendAsync(HttpMethod.Get, $"/conversations/{idle.ConversationId}/activities");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(3, (await busy.GetActivitiesAsync()).Activities.Count);
    }

    [Fact]
    public void Keeps_an_idle_conversation_while_its_stream_is_open()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var conversations = Conversations(clock, new DirectLineOptions { MaxConversations = 10 });
        var (watched, _) = conversations.GetOrStart("watched", "dl_user", "198.51.100.1");
        using var stream = watched!.OpenStream();

        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, conversations.EvictIdle());
        Assert.Same(watched, conversations.Find("watched"));
    }

    [Fact]
    public void Never_forgets_a_live_conversation_to_make_room_and_refuses_the_new_one_instead()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var conversations = Conversations(clock, new DirectLineOptions { MaxConversations = 2 });
        var (watched, _) = conversations.GetOrStart("watched", "dl_1", "198.51.100.1");
        using var stream = watched!.OpenStream();
        conversations.GetOrStart("chatting", "dl_2", "198.51.100.2");
        clock.Advance(TimeSpan.FromMinutes(29));

        var (refused, outcome) = conversations.GetOrStart("newest", "dl_3", "198.51.100.3");

        Assert.Null(refused);
        Assert.Equal(ConversationStart.StoreFull, outcome);
        Assert.NotNull(conversations.Find("watched"));
        Assert.NotNull(conversations.Find("chatting"));
        Assert.Equal(StreamEnd.None, stream.Ended);
    }

    [Fact]
    public void Makes_room_for_a_new_conversation_by_forgetting_one_gone_idle()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var conversations = Conversations(clock, new DirectLineOptions { MaxConversations = 2 });
        conversations.GetOrStart("left", "dl_1", "198.51.100.1");
        clock.Advance(TimeSpan.FromMinutes(20));
        conversations.GetOrStart("chatting", "dl_2", "198.51.100.2");
        clock.Advance(TimeSpan.FromMinutes(11));

        var (started, outcome) = conversations.GetOrStart("newest", "dl_3", "198.51.100.3");

        Assert.Equal(ConversationStart.Started, outcome);
        Assert.NotNull(started);
        Assert.Null(conversations.Find("left"));
        Assert.NotNull(conversations.Find("chatting"));
    }

    [Fact]
    public void Gives_one_address_only_its_share_of_conversations_until_one_of_them_is_forgotten()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var conversations = Conversations(clock, new DirectLineOptions { MaxConversationsPerClient = 2 });
        conversations.GetOrStart("first", "dl_1", "198.51.100.1");
        clock.Advance(TimeSpan.FromMinutes(31));
        conversations.GetOrStart("second", "dl_2", "198.51.100.1");

        var beyond = conversations.GetOrStart("third", "dl_3", "198.51.100.1").Outcome;
        var elsewhere = conversations.GetOrStart("elsewhere", "dl_4", "203.0.113.9").Outcome;
        conversations.EvictIdle();
        var afterForgetting = conversations.GetOrStart("third", "dl_3", "198.51.100.1").Outcome;

        Assert.Equal(ConversationStart.ClientAtLimit, beyond);
        Assert.Equal(ConversationStart.Started, elsewhere);
        Assert.Equal(ConversationStart.Started, afterForgetting);
    }

    [Fact]
    public void Holds_every_conversations_activities_to_the_store_budget_dropping_the_least_recently_active_conversations_oldest_first()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var budget = new DirectLineMemoryBudget(Options.Create(new DirectLineOptions { MaxStoreBytes = 1024 * 1024 }));
        var conversations = Conversations(clock, new DirectLineOptions { MaxStoreBytes = 1024 * 1024, MaxConversationBytes = 1024 * 1024 }, budget);
        var (idle, _) = conversations.GetOrStart("idle", "dl_1", "198.51.100.1");
        var (busy, _) = conversations.GetOrStart("busy", "dl_2", "198.51.100.2");
        for (var i = 0; i < 10; i++)
        {
            idle!.Append(Message($"idle {i}", 20_000));
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 40; i++)
        {
            busy!.Append(Message($"busy {i}", 20_000));
        }

        Assert.InRange(budget.Bytes, 1, 1024 * 1024);
        Assert.Empty(idle!.After(0, 100).Activities);
        var kept = busy!.After(0, 100).Activities;
        Assert.Contains("busy 39", kept[^1], StringComparison.Ordinal);
        Assert.InRange(kept.Count, 20, 26);
    }

    [Fact]
    public void Holds_one_conversations_activities_to_its_own_budget_and_always_keeps_the_newest()
    {
        var options = new DirectLineOptions { MaxConversationBytes = 100_000 };
        var budget = new DirectLineMemoryBudget(Options.Create(options));
        var (conversation, _) = Conversations(TimeProvider.System, options, budget).GetOrStart("c", "dl_user", "198.51.100.1");
        for (var i = 0; i < 10; i++)
        {
            conversation!.Append(Message($"message {i}", 20_000));
        }

        conversation!.Append(Message("the largest", 80_000));

        var kept = Assert.Single(conversation.After(0, 100).Activities);
        Assert.Contains("the largest", kept, StringComparison.Ordinal);
        Assert.Equal(2L * kept.Length, budget.Bytes);
    }

    [Fact]
    public void Stops_counting_a_forgotten_conversations_activities()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var options = new DirectLineOptions();
        var budget = new DirectLineMemoryBudget(Options.Create(options));
        var conversations = Conversations(clock, options, budget);
        conversations.GetOrStart("gone", "dl_1", "198.51.100.1").Conversation!.Append(Message("hello", 1_000));

        clock.Advance(TimeSpan.FromHours(1));
        conversations.EvictIdle();

        Assert.Equal(0, budget.Bytes);
    }

    [Fact]
    public void Keeps_at_most_the_configured_number_of_activities_per_conversation_and_watermarks_keep_rising()
    {
        var (conversation, _) = Conversations(TimeProvider.System, new DirectLineOptions { MaxActivitiesPerConversation = 10 }).GetOrStart("c", "dl_user", "198.51.100.1");
        for (var i = 0; i < 25; i++)
        {
            conversation!.Append(new Activity(ActivityTypes.Message) { Text = $"message {i}" });
        }

        var page = conversation!.After(0, 100);

        Assert.Equal(10, page.Activities.Count);
        Assert.Equal(25, page.Watermark);
        Assert.Contains("message 24", page.Activities[^1], StringComparison.Ordinal);
        Assert.Empty(conversation.After(25, 100).Activities);
    }

    private static Activity Message(string text, int padding) =>
        new(ActivityTypes.Message) { Text = text, Value = new string('x', padding) };

    private static DirectLineConversations Conversations(TimeProvider clock, DirectLineOptions options, DirectLineMemoryBudget? budget = null) =>
        new(Options.Create(options), budget ?? new DirectLineMemoryBudget(Options.Create(options)), clock, NullLogger<DirectLineConversations>.Instance);
}
