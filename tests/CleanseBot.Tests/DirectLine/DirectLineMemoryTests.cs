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
        var conversations = Conversations(clock, maxConversations: 10);
        var (watched, _) = conversations.GetOrStart("watched", "dl_user");
        using var stream = watched.OpenStream();

        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, conversations.EvictIdle());
        Assert.Same(watched, conversations.Find("watched"));
    }

    [Fact]
    public void Starting_a_conversation_beyond_the_maximum_forgets_the_least_recently_used_and_closes_its_stream()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var conversations = Conversations(clock, maxConversations: 2);
        var (oldest, _) = conversations.GetOrStart("oldest", "dl_1");
        using var oldestStream = oldest.OpenStream();
        clock.Advance(TimeSpan.FromSeconds(1));
        conversations.GetOrStart("newer", "dl_2");
        clock.Advance(TimeSpan.FromSeconds(1));

        conversations.GetOrStart("newest", "dl_3");

        Assert.Null(conversations.Find("oldest"));
        Assert.NotNull(conversations.Find("newer"));
        Assert.Equal(2, conversations.Count);
        Assert.Equal(StreamEnd.ConversationEnded, oldestStream.Ended);
    }

    [Fact]
    public void Keeps_at_most_the_configured_number_of_activities_per_conversation_and_watermarks_keep_rising()
    {
        var conversation = new DirectLineConversation("c", "dl_user", maxActivities: 10, TimeProvider.System);
        for (var i = 0; i < 25; i++)
        {
            conversation.Append(new Activity(ActivityTypes.Message) { Text = $"message {i}" });
        }

        var page = conversation.After(0, 100);

        Assert.Equal(10, page.Activities.Count);
        Assert.Equal(25, page.Watermark);
        Assert.Contains("message 24", page.Activities[^1], StringComparison.Ordinal);
        Assert.Empty(conversation.After(25, 100).Activities);
    }

    private static DirectLineConversations Conversations(TimeProvider clock, int maxConversations) =>
        new(
            Options.Create(new DirectLineOptions { MaxConversations = maxConversations, ConversationIdleTimeout = TimeSpan.FromMinutes(30) }),
            clock,
            NullLogger<DirectLineConversations>.Instance);
}
