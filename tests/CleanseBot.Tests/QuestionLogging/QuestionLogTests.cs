using System.Diagnostics;
using System.Net;
using CleanseBot.Answering;
using CleanseBot.QuestionLog;
using CleanseBot.Tests.Http;
using CleanseBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Tests.QuestionLogging;

/// <summary>
/// The running service records each message's outcome in the question log, off the request path, and a log that
/// cannot keep up or cannot be written never costs a visitor their answer. Each test has a service and a log of its
/// own. In the metrics tests' collection, because some read /metrics (see <see cref="MetricsTests"/>).
/// </summary>
[Collection(MetricsTests.Name)]
public sealed class QuestionLogTests
{
    [Fact]
    public async Task Logs_each_message_with_its_decision_pair_confidence_and_turn_time()
    {
        await using var log = new QuestionLogFile();
        var started = DateTimeOffset.UtcNow;
        await using (var service = await StartedService.StartAsync(log.Settings()))
        {
            await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies("how often should I deep cleanse?", BotChannels.Webchat));
            await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies("What is the capital of France?"));
            await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies("the spot she squeezed is oozing and I feel shivery"));
            await log.WaitForAsync(3);
        }

        var turns = (await log.ReadAsync()).ToDictionary(turn => turn.Message);

        var answered = turns["how often should I deep cleanse?"];
        Assert.Equal("Answer", answered.Decision);
        Assert.Equal(BotChannels.Webchat, answered.Channel);
        Assert.NotNull(answered.PairId);
        Assert.InRange(answered.Confidence!.Value, 0.5, 1);
        Assert.InRange(answered.TurnTime, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(10));
        Assert.InRange(answered.At, started, DateTimeOffset.UtcNow);
        Assert.Null(answered.RedFlag);
        Assert.Equal("NotCovered", turns["What is the capital of France?"].Decision);
        Assert.Null(turns["What is the capital of France?"].PairId);
        Assert.Equal("InfectionWithFever", turns["the spot she squeezed is oozing and I feel shivery"].RedFlag);
    }

    [Fact]
    public async Task Keeps_a_salted_hash_of_the_conversation_never_its_id()
    {
        await using var log = new QuestionLogFile();
        var first = Inbound.ExpectingReplies("what is a toner?");
        var conversationId = first["conversation"]!["id"]!.GetValue<string>();
        var second = Inbound.ExpectingReplies("and how do I use it?");
        second["conversation"] = new System.Text.Json.Nodes.JsonObject { ["id"] = conversationId };
        await using (var service = await StartedService.StartAsync(log.Settings()))
        {
            await Inbound.RepliesToAsync(service.Client, first);
            await Inbound.RepliesToAsync(service.Client, second);
            await log.WaitForAsync(2);
        }

        var turns = await log.ReadAsync();

        Assert.Equal(2, turns.Count);
        Assert.Single(turns.Select(turn => turn.Conversation).Distinct());
        Assert.DoesNotContain(conversationId, turns[0].Conversation, StringComparison.Ordinal);
        Assert.DoesNotContain(conversationId, await File.ReadAllTextAsync(log.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_writes_an_email_a_phone_number_or_a_web_address_as_typed()
    {
        await using var log = new QuestionLogFile();
        string[] secrets = ["jane.doe@example.com", "+44 20 7946 0958", "(555) 123-4567", "clinic.example.com/book?me=jane"];
        await using (var service = await StartedService.StartAsync(log.Settings()))
        {
            await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies($"I'm {secrets[0]}, call {secrets[1]} or {secrets[2]}: is {secrets[3]} any good for facials?"));
            await log.WaitForAsync(1);
        }

        var turn = Assert.Single(await log.ReadAsync());
        Assert.Equal("I'm [email], call [phone] or [phone]: is [url] any good for facials?", turn.Message);

        // The database file itself, WAL included, holds none of them.
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(log.Path)!))
        {
            var bytes = await File.ReadAllTextAsync(file);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, bytes, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Switched_off_it_creates_no_database()
    {
        await using var log = new QuestionLogFile();
        await using (var service = await StartedService.StartAsync(log.Settings(("QuestionLog:Enabled", "false"))))
        {
            await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies("what is a toner?"));
        }

        Assert.False(File.Exists(log.Path));
    }

    [Fact]
    public async Task A_database_that_is_down_fails_no_turn_and_the_drops_are_logged_and_counted()
    {
        // A PostgreSQL server that is not there: a loopback port nobody listens on refuses at once.
        var nowhere = $"Host=127.0.0.1;Port={ClosedPort()};Username=cleansebot;Database=questions;Timeout=2";
        await using var service = await StartedService.StartAsync(new()
        {
            ["RateLimiting:Enabled"] = "false",
            ["QuestionLog:Provider"] = "PostgreSql",
            ["QuestionLog:ConnectionString"] = nowhere,
        });

        for (var i = 0; i < 5; i++)
        {
            var replies = await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies("how often should I deep cleanse?"));
            Assert.Contains(replies, reply => reply.Type == "message");
        }

        var page = await WaitForMetricAsync(service.Client, "cleansebot_question_log_dropped_total", ("reason", "StoreFailed"), atLeast: 5);
        Assert.True(page.Value("cleansebot_question_log_dropped_total", ("reason", "StoreFailed")) >= 5, page.Text);
        Assert.Contains(service.Server.Logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("Question log dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_queue_drops_turns_without_making_them_wait()
    {
        await using var log = new QuestionLogFile();
        await using var service = await StartedService.StartAsync(log.Settings(("QuestionLog:QueueCapacity", "1"), ("QuestionLog:BatchSize", "1")));
        await log.WaitForAsync(0);
        await WaitUntilAsync(() => File.Exists(log.Path));

        // Another process's write lock stalls the writer on its first batch (SQLite retries a busy file for 30 s), so
        // the queue behind it, one turn long, is full from the third turn on.
        await using var blocker = new SqliteConnection($"Data Source={log.Path};Pooling=false");
        await blocker.OpenAsync();
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 6; i++)
        {
            var timer = Stopwatch.StartNew();
            using var response = await Inbound.PostAsync(service.Client, Inbound.ExpectingReplies("what is a toner?"));
            slowest = timer.Elapsed > slowest ? timer.Elapsed : slowest;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var page = await WaitForMetricAsync(service.Client, "cleansebot_question_log_dropped_total", ("reason", "QueueFull"), atLeast: 3);
        Assert.True(page.Value("cleansebot_question_log_dropped_total", ("reason", "QueueFull")) >= 3, page.Text);
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"The slowest turn took {slowest.TotalMilliseconds} ms while the log was stalled.");

        await using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.InRange((await log.WaitForAsync(2)).Count, 2, 3);
    }

    [Fact]
    public async Task Deletes_turns_older_than_the_retention_at_start()
    {
        await using var log = new QuestionLogFile();
        var now = DateTimeOffset.UtcNow;
        await using (var store = QuestionLogStore.Create(log.Options, AppContext.BaseDirectory))
        {
            await store.WriteAsync(
                [
                    new LoggedTurn(Guid.NewGuid(), now.AddDays(-31), "webchat", "c1", "a month ago", "Answer", 1, 0.9, null, TimeSpan.FromMilliseconds(3)),
                    new LoggedTurn(Guid.NewGuid(), now.AddDays(-29), "webchat", "c1", "four weeks ago", "Answer", 1, 0.9, null, TimeSpan.FromMilliseconds(3)),
                ],
                CancellationToken.None);
        }

        await using (var service = await StartedService.StartAsync(log.Settings(("QuestionLog:RetentionDays", "30"))))
        {
            await WaitUntilAsync(async () => (await log.ReadAsync()).Count == 1);
        }

        Assert.Equal(["four weeks ago"], (await log.ReadAsync()).Select(turn => turn.Message));
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<MetricsPage> WaitForMetricAsync(HttpClient client, string name, (string, string) label, double atLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var page = await MetricsPage.ScrapeAsync(client);
            if (page.Value(name, label) >= atLeast || DateTime.UtcNow > deadline)
            {
                return page;
            }

            await Task.Delay(100);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
