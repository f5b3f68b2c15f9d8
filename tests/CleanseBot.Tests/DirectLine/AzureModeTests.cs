using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanseBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CleanseBot.Tests.DirectLine;

/// <summary>With a Direct Line secret configured, the widget's tokens come from Azure, and the secret stays on the server.</summary>
public sealed class AzureModeTests
{
    private const string Secret = "azure-direct-line-secret-never-in-a-browser";

    [Fact]
    public async Task Exchanges_the_secret_for_an_Azure_token_server_side_and_never_sends_the_secret_to_the_browser()
    {
        await using var azure = await FakeAzureDirectLine.StartAsync();
        await using var bot = new CleanseBotServer(
            new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret, ["DirectLine:AzureEndpoint"] = azure.Endpoint },
            services: null);
        await bot.StartAndWaitUntilReadyAsync();
        using var client = bot.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonNode.Parse(body)!;
        Assert.Equal(azure.Endpoint, (string)token["domain"]!);
        Assert.Equal("azure-token", (string)token["token"]!);
        Assert.Equal("azure-conversation", (string)token["conversationId"]!);
        Assert.Equal($"Bearer {Secret}", azure.Authorization);
        Assert.StartsWith("dl_", azure.UserId, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await client.GetStringAsync(new Uri("/widget.js", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turns_the_built_in_endpoint_off_so_conversations_go_through_Azure()
    {
        await using var azure = await FakeAzureDirectLine.StartAsync();
        await using var bot = new CleanseBotServer(
            new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret, ["DirectLine:AzureEndpoint"] = azure.Endpoint },
            services: null);
        await bot.StartAndWaitUntilReadyAsync();
        using var client = bot.CreateClient();

        using var response = await client.PostAsync(new Uri("/v3/directline/tokens/generate", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Answers_502_when_Azure_refuses_the_secret_and_logs_why()
    {
        await using var azure = await FakeAzureDirectLine.StartAsync(refuse: true);
        await using var bot = new CleanseBotServer(
            new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret, ["DirectLine:AzureEndpoint"] = azure.Endpoint },
            services: null);
        await bot.StartAndWaitUntilReadyAsync();
        using var client = bot.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var logged = Assert.Single(bot.Logs.Entries, entry => entry.Level == LogLevel.Error && entry.Category.EndsWith("AzureDirectLine", StringComparison.Ordinal));
        Assert.Contains("403", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logged.Message, StringComparison.Ordinal);
    }

    /// <summary>Azure's POST /v3/directline/tokens/generate, on 127.0.0.1: records what it was sent.</summary>
    private sealed class FakeAzureDirectLine : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeAzureDirectLine(WebApplication app) => _app = app;

        public string Endpoint { get; private set; } = "";

        public string? Authorization { get; private set; }

        public string? UserId { get; private set; }

        public static async Task<FakeAzureDirectLine> StartAsync(bool refuse = false)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var fake = new FakeAzureDirectLine(app);
            app.MapPost("/v3/directline/tokens/generate", async (HttpRequest request) =>
            {
                fake.Authorization = request.Headers.Authorization;
                fake.UserId = (string?)(await request.ReadFromJsonAsync<JsonObject>())?["user"]?["id"];
                return refuse
                    ? Results.StatusCode(StatusCodes.Status403Forbidden)
                    : Results.Json(new { conversationId = "azure-conversation", token = "azure-token", expires_in = 3600 });
            });
            await app.StartAsync();
            fake.Endpoint = app.Urls.Single() + "/v3/directline";
            return fake;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
