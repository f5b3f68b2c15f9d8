using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace CleanseBot.Tests.Support;

/// <summary>
/// Plays the channel's side of the Bot Framework, as the Emulator does: a small HTTP server on 127.0.0.1 that takes
/// the bot's replies (POST /v3/conversations/{id}/activities[/{replyToId}]) and answers each with a ResourceResponse.
/// </summary>
internal sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedActivity> _received = Channel.CreateUnbounded<ReceivedActivity>();

    private FakeConnector(WebApplication app) => _app = app;

    /// <summary>The serviceUrl to put on inbound activities so that the bot replies here.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    public static async Task<FakeConnector> StartAsync()
    {
        // An empty content root: the tests' folder holds the bot's appsettings.json, which is not this server's.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpRequest request, string conversationId, string replyToId) =>
            connector.ReceiveAsync(request, conversationId, replyToId));
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpRequest request, string conversationId) =>
            connector.ReceiveAsync(request, conversationId, null));
        await app.StartAsync();
        connector.ServiceUrl = new Uri(app.Urls.Single());
        return connector;
    }

    /// <summary>The next activity the bot sent, or a failed test if none arrives in time.</summary>
    public async Task<ReceivedActivity> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The bot sent nothing to the connector within 10 seconds.");
        }
    }

    /// <summary>Everything received so far and not yet taken with <see cref="NextAsync"/>.</summary>
    public List<ReceivedActivity> TakeAll()
    {
        var all = new List<ReceivedActivity>();
        while (_received.Reader.TryRead(out var activity))
        {
            all.Add(activity);
        }

        return all;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpRequest request, string conversationId, string? replyToId)
    {
        using var reader = new StreamReader(request.Body);
        var activity = JsonConvert.DeserializeObject<Activity>(await reader.ReadToEndAsync())!;
        await _received.Writer.WriteAsync(new ReceivedActivity(request.Path.Value!, conversationId, replyToId, activity));
        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }
}

/// <summary>One activity the bot sent to the connector, and the request path it used.</summary>
internal sealed record ReceivedActivity(string Path, string ConversationId, string? ReplyToId, Activity Activity);
