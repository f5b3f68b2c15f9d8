using System.Diagnostics;
using System.Net;
using CleanseBot.Hosting;
using CleanseBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanseBot.Tests.Replicas;

/// <summary>
/// Redis:Configuration switches the shared state on: it is checked when the service starts, it needs the token
/// signing key every replica shares, and a Redis that is not there keeps the service out of the load balancer's
/// rotation (/healthz/ready) without stopping it.
/// </summary>
public sealed class RedisStartupTests
{
    private const string SigningKey = "a-signing-key-of-at-least-32-characters";

    [Fact]
    public async Task Refuses_to_start_with_Redis_but_no_token_signing_key_and_names_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["Redis:Configuration"] = "127.0.0.1:1" }));

        Assert.Contains("DirectLine:TokenSigningKey is required when Redis:Configuration is set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Redis:Configuration", "localhost:6379,connectTimeout=soon")]
    [InlineData("Redis:Configuration", ",")]
    [InlineData("Redis:Timeout", "00:05:00")]
    public async Task Refuses_to_start_with_an_invalid_Redis_setting_and_names_it(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Redis:Configuration"] = "127.0.0.1:1",
            ["DirectLine:TokenSigningKey"] = SigningKey,
            [key] = value,
        }));

        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starts_without_Redis_in_memory_when_Redis_is_not_configured()
    {
        await using var service = await StartedService.StartAsync([]);

        using var ready = await service.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Starts_when_Redis_is_unreachable_and_says_it_is_not_ready_and_why()
    {
        var port = FreePort.Next();
        var started = Stopwatch.StartNew();
        await using var service = await StartedService.StartAsync(new()
        {
            ["Redis:Configuration"] = $"127.0.0.1:{port}",
            ["Redis:Timeout"] = "00:00:00.500",
            ["DirectLine:TokenSigningKey"] = SigningKey,
        });

        using var live = await service.Client.GetAsync(new Uri("/healthz/live", UriKind.Relative));
        using var ready = await service.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        var why = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.StartsWith($"Unhealthy\nredis: Redis at 127.0.0.1:{port} is unavailable", why, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"Start and the checks took {started.Elapsed}.");
    }

    [Fact]
    public async Task Becomes_ready_and_answers_by_itself_once_a_Redis_missing_at_start_appears()
    {
        var port = FreePort.Next();
        await using var service = await StartedService.StartAsync(new()
        {
            ["Redis:Configuration"] = $"127.0.0.1:{port}",
            ["Redis:Timeout"] = "00:00:00.500",
            ["DirectLine:TokenSigningKey"] = SigningKey,
        });
        using (var notYet = await service.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notYet.StatusCode);
        }

        await using var redis = await RedisServer.StartAsync(port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode ready;
        do
        {
            await Task.Delay(250);
            using var response = await service.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            ready = response.StatusCode;
        }
        while (ready != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, ready);
        var replies = await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies("What is microdermabrasion?"));
        Expect.AnswerOf(602, Assert.Single(replies, reply => reply.Type == Microsoft.Bot.Schema.ActivityTypes.Message));
    }

    [Fact]
    public async Task Is_ready_once_Redis_answers()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var service = await StartedService.StartAsync(new()
        {
            ["Redis:Configuration"] = redis.Configuration,
            ["DirectLine:TokenSigningKey"] = SigningKey,
        });

        using var ready = await service.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection([.. settings, new("Urls", "http://127.0.0.1:0")]);
        builder.Logging.ClearProviders();
        builder.AddCleanseBot();
        await using var app = builder.Build();
        app.MapCleanseBot();
        await app.StartAsync();
        await app.StopAsync();
    }
}
