using System.Net;
using System.Text.Json.Nodes;
using CleanseBot.Answering;
using CleanseBot.Tests.DirectLine;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Http;

/// <summary>
/// What an operator scraping GET /metrics sees, each test on a service of its own. OpenTelemetry follows meters by
/// name, so in this process a service's exporter also sees the other services' "CleanseBot" meters, and one of them
/// stopping ends the shared series: these tests run alone (their collection is not parallel), and counts are checked
/// as at least what the test caused, since the tests' own bot parts (RealBot) count into meters of the same name.
/// </summary>
[Collection(Name)]
public sealed class MetricsTests
{
    public const string Name = "Metrics, alone";

    private const string Answerable = "how often should I deep cleanse?";
    private const string NotCovered = "What is the capital of France?";
    private const string WarningSign = "the spot she squeezed is oozing and I feel shivery";
    private const string MisreadAsWarningSign = "how hot should the water be, my skin runs a temperature easily in summer";

    [Fact]
    public async Task Counts_messages_by_decision_warning_signs_by_kind_and_refusals_and_times_the_turns()
    {
        await using var service = await StartedService.StartAsync([]);
        foreach (var text in new[] { Answerable, NotCovered, WarningSign, MisreadAsWarningSign })
        {
            await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies(text));
        }

        var page = await MetricsPage.ScrapeAsync(service.Client);

        Assert.True(page.Value("cleansebot_messages_total", ("decision", "Answer")) >= 1, page.Text);
        Assert.True(page.Value("cleansebot_messages_total", ("decision", "NotCovered")) >= 1, page.Text);
        Assert.True(page.Value("cleansebot_messages_total", ("decision", "RedFlag")) >= 1, page.Text);
        Assert.True(page.Value("cleansebot_red_flags_total", ("kind", "InfectionWithFever")) >= 1, page.Text);
        Assert.True(page.Value("cleansebot_red_flags_overruled_total", ("kind", "InfectionWithFever")) >= 1, page.Text);
        Assert.True(page.Value("cleansebot_refusals_total", ("decision", "NotCovered")) >= 1, page.Text);
        Assert.Null(page.Value("cleansebot_refusals_total", ("decision", "Answer")));
        Assert.True(page.Value("cleansebot_turn_duration_seconds_count") >= 3, page.Text);
        Assert.True(page.Value("cleansebot_turn_duration_seconds_bucket", ("le", "+Inf")) >= 3, page.Text);
        Assert.True(page.Value("cleansebot_search_duration_seconds_count") >= 2, page.Text);
    }

    [Fact]
    public async Task Shows_no_word_a_visitor_typed()
    {
        const string Secret = "zanzibarquokka";
        await using var service = await StartedService.StartAsync([]);
        await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies($"is {Secret} good for pores?"));

        var page = await MetricsPage.ScrapeAsync(service.Client);

        Assert.True(page.Value("cleansebot_messages_total") >= 1, page.Text);
        Assert.DoesNotContain(Secret, page.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Counts_a_message_refused_because_its_conversation_sends_too_fast()
    {
        await using var service = await StartedService.StartAsync(new() { ["RateLimiting:MessagesPerConversationPerMinute"] = "1" });
        var conversation = new JsonObject { ["id"] = "conversation-" + Guid.NewGuid().ToString("N") };

        var statuses = new List<HttpStatusCode>();
        for (var message = 0; message < 2; message++)
        {
            var activity = Inbound.ExpectingReplies(Answerable);
            activity["conversation"] = conversation.DeepClone();
            using var response = await Inbound.PostAsync(service.Client, activity);
            statuses.Add(response.StatusCode);
        }

        var page = await MetricsPage.ScrapeAsync(service.Client);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(page.Value("cleansebot_rate_limited_total", ("limit", "Conversation")) >= 1, page.Text);
    }

    [Fact]
    public async Task Shows_the_web_chat_conversations_and_streams_open_now()
    {
        await using var service = await StartedService.StartAsync([]);
        var (session, started) = await DirectLineSession.StartedAsync(service.Client);
        using var socket = await DirectLineStreams.ConnectAsync((string)started["streamUrl"]!);
        await session.PostAsync(DirectLineSession.Message(Answerable));

        var page = await MetricsPage.ScrapeAsync(service.Client);

        Assert.True(page.Value("cleansebot_directline_conversations") >= 1, page.Text);
        Assert.True(page.Value("cleansebot_directline_streams") >= 1, page.Text);
    }

    [Fact]
    public async Task Pushes_the_metrics_to_the_OTLP_endpoint_named_by_OTEL_EXPORTER_OTLP_ENDPOINT()
    {
        await using var collector = await OtlpReceiver.StartAsync("cleansebot.messages");
        (string Name, string Value)[] variables =
        [
            ("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Endpoint),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "200"),
        ];

        // Real environment variables, read as a deployment's are: safe here only because this collection runs alone.
        StartedService service;
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            service = await StartedService.StartAsync([]);
        }
        finally
        {
            foreach (var (name, _) in variables)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }

        await using var running = service;
        await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies(Answerable));

        Assert.Equal("application/x-protobuf", await collector.NamedAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Answers_404_at_metrics_when_Telemetry_Metrics_Enabled_is_false()
    {
        await using var service = await StartedService.StartAsync(new() { ["Telemetry:Metrics:Enabled"] = "false" });

        using var metrics = await service.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var health = await service.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

[CollectionDefinition(MetricsTests.Name, DisableParallelization = true)]
public sealed class MetricsAlone;
