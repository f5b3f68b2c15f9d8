using System.Globalization;
using CleanseBot.Bot;
using CleanseBot.Hosting;
using CleanseBot.Redis;
using CleanseBot.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace CleanseBot.Channels.DirectLine;

/// <summary>
/// The web chat channel's HTTP surface: POST /api/webchat/token for the widget, and a Direct Line 3.0 endpoint under
/// /v3/directline for Web Chat (its "domain") and any other Direct Line client. In Azure mode the endpoint answers 404:
/// conversations then run through Azure's Direct Line and /api/messages.
/// </summary>
internal static partial class DirectLineApi
{
    /// <summary>The CORS policy of these endpoints: the allowed site origins, and the headers Web Chat sends.</summary>
    public const string CorsPolicy = "web-chat";

    public const string BasePath = "/v3/directline";

    public const string WebChatTokenPath = "/api/webchat/token";

    // Direct Line documents no page size; Web Chat and DirectLineJS follow the watermark whatever it is.
    private const int MaxActivitiesPerResponse = 50;

    /// <summary>Whether <paramref name="context"/> is for these endpoints, the only ones that take cross-origin calls and WebSockets.</summary>
    public static bool IsFor(HttpContext context) =>
        context.Request.Path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments(WebChatTokenPath, StringComparison.OrdinalIgnoreCase);

    public static WebApplication MapDirectLineApi(this WebApplication app)
    {
        app.MapPost(WebChatTokenPath, IssueWebChatTokenAsync)
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(CleanseBotHosting.ClientAddressPolicy)
            .AddEndpointFilter(NoStore);

        var directLine = app.MapGroup(BasePath)
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(CleanseBotHosting.ClientAddressPolicy)
            .AddEndpointFilter(OffInAzureMode)
            .AddEndpointFilter(NoStore)
            .AddEndpointFilter(UnavailableWithoutRedis);
        directLine.MapPost("/tokens/generate", GenerateToken);
        directLine.MapPost("/tokens/refresh", RefreshToken);
        directLine.MapPost("/conversations", StartConversationAsync);
        directLine.MapGet("/conversations/{conversationId}", Reconnect);
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivities);
        directLine.MapGet("/conversations/{conversationId}/stream", StreamAsync);
        return app;
    }

    /// <summary>Where browsers reach this service: DirectLine:PublicUrl, or the request's own scheme, host and path base.</summary>
    internal static Uri PublicBaseUrl(HttpRequest request, DirectLineOptions options) =>
        options.PublicUrl.Length > 0
            ? new Uri(options.PublicUrl.TrimEnd('/') + "/")
            : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");

    // The widget's token: for a new conversation on the built-in endpoint or, in Azure mode, from Azure's Direct
    // Line in exchange for the secret, which never leaves the server. Open to anyone, as the chat itself is.
    private static async Task<IResult> IssueWebChatTokenAsync(HttpContext context, DirectLineTokens tokens, AzureDirectLine azure, IOptions<DirectLineOptions> options)
    {
        var settings = options.Value;
        var userId = DirectLineTokens.NewUserId();
        if (!settings.AzureMode)
        {
            var conversationId = DirectLineTokens.NewConversationId();
            var token = tokens.Issue(conversationId, userId, TokenScope.Conversation, settings.TokenLifetime);
            var domain = new Uri(PublicBaseUrl(context.Request, settings), BasePath.TrimStart('/')).AbsoluteUri;
            return Results.Json(new WebChatTokenResponse(conversationId, token, (int)settings.TokenLifetime.TotalSeconds, domain));
        }

        var azureToken = await azure.GenerateTokenAsync(userId, context.RequestAborted).ConfigureAwait(false);
        return azureToken is null
            ? DirectLineResponses.Error(StatusCodes.Status502BadGateway, "ServiceError", "Azure Direct Line did not issue a token; the service's log says why.")
            : Results.Json(new WebChatTokenResponse(azureToken.ConversationId, azureToken.Token, azureToken.ExpiresIn, settings.AzureEndpoint.TrimEnd('/')));
    }

    // POST /tokens/generate: a token for a new conversation. Azure's asks for the secret; this endpoint has none to
    // ask for, and gives any visitor what the widget's token endpoint gives them.
    private static IResult GenerateToken(DirectLineTokens tokens, IOptions<DirectLineOptions> options)
    {
        var lifetime = options.Value.TokenLifetime;
        var conversationId = DirectLineTokens.NewConversationId();
        var token = tokens.Issue(conversationId, DirectLineTokens.NewUserId(), TokenScope.Conversation, lifetime);
        return Results.Json(new ConversationResponse(conversationId, token, (int)lifetime.TotalSeconds));
    }

    // POST /tokens/refresh: the same conversation and user, a new expiry. An expired token cannot be refreshed.
    private static async Task<IResult> RefreshToken(HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, IOptions<DirectLineOptions> options)
    {
        var check = Authorize(request, tokens, conversationId: null);
        if (check.Token is not { } token)
        {
            return check.Refusal!;
        }

        var lifetime = options.Value.TokenLifetime;
        var started = token.ConversationStarted || await conversations.FindAsync(token.ConversationId).ConfigureAwait(false) is not null;
        var refreshed = tokens.Issue(token.ConversationId, token.UserId, TokenScope.Conversation, lifetime, started);
        return Results.Json(new ConversationResponse(token.ConversationId, refreshed, (int)lifetime.TotalSeconds));
    }

    // POST /conversations: starts the token's conversation (201, and the bot welcomes the user) or, when it has
    // started already, describes it again (200); either way with a stream URL that replays it from the start. A
    // token given after the start, for a conversation this service no longer has, gets 404: starting it again
    // empty would hide from the visitor that their chat is gone.
    private static async Task<IResult> StartConversationAsync(
        HttpContext context,
        DirectLineTokens tokens,
        DirectLineConversations conversations,
        DirectLineChannel channel,
        CleanseBotMetrics metrics,
        IOptions<DirectLineOptions> options,
        ILogger<DirectLineChannel> logger)
    {
        var request = context.Request;
        var check = Authorize(request, tokens, conversationId: null);
        if (check.Token is not { } token)
        {
            return check.Refusal!;
        }

        if (token.ConversationStarted && await conversations.FindAsync(token.ConversationId).ConfigureAwait(false) is null)
        {
            return DirectLineResponses.NotFound();
        }

        var (conversation, outcome) = await conversations.GetOrStartAsync(token.ConversationId, token.UserId, CleanseBotHosting.ClientAddress(context)).ConfigureAwait(false);
        if (conversation is null)
        {
            // Web Chat then shows that it cannot connect, which is better than ending someone else's chat to make room.
            context.Response.Headers.RetryAfter = ((int)DirectLineEviction.Period.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            if (outcome == ConversationStart.ClientAtLimit)
            {
                metrics.RateLimited(RateLimit.ClientConversations);
            }

            return outcome == ConversationStart.ClientAtLimit
                ? DirectLineResponses.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "This address has as many chats open as it may; retry after Retry-After seconds.")
                : DirectLineResponses.Error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "Every chat the service can hold is in use; retry after Retry-After seconds.");
        }

        var started = outcome == ConversationStart.Started;
        if (started)
        {
            LogStarted(logger, conversation.Id);
            var baseUrl = PublicBaseUrl(request, options.Value);
            if (await RunTurnAsync(() => channel.StartAsync(conversation, baseUrl, CancellationToken.None), context, conversation, logger).ConfigureAwait(false) is { } failure)
            {
                return failure;
            }
        }

        var description = Describe(conversation, token, tokens, request, options.Value, watermark: 0);
        return started ? Results.Created((string?)null, description) : Results.Ok(description);
    }

    // GET /conversations/{id}?watermark=: a new stream URL, e.g. after the WebSocket dropped. With a watermark the
    // stream replays what came after it; without, only what comes next.
    private static async Task<IResult> Reconnect(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, IOptions<DirectLineOptions> options)
    {
        var check = Authorize(request, tokens, conversationId);
        if (check.Token is not { } token)
        {
            return check.Refusal!;
        }

        if (await conversations.FindAsync(conversationId).ConfigureAwait(false) is not { } conversation)
        {
            return DirectLineResponses.NotFound();
        }

        return TryParseWatermark(watermark, out var from)
            ? Results.Ok(Describe(conversation, token, tokens, request, options.Value, from ?? await conversation.WatermarkAsync().ConfigureAwait(false)))
            : BadWatermark();
    }

    // POST /conversations/{id}/activities: the user's activity is stored with an id (the echo), and the bot's turn
    // runs before the response, as Azure's Direct Line answers only once the bot has; Web Chat allows for that.
    private static async Task<IResult> PostActivityAsync(
        string conversationId,
        HttpContext context,
        DirectLineTokens tokens,
        DirectLineConversations conversations,
        DirectLineChannel channel,
        ConversationRateLimiter rateLimiter,
        IOptions<DirectLineOptions> options,
        IOptions<MessagingOptions> messaging,
        ILogger<DirectLineChannel> logger)
    {
        var request = context.Request;
        var check = Authorize(request, tokens, conversationId);
        if (check.Token is null)
        {
            return check.Refusal!;
        }

        if (await conversations.FindAsync(conversationId).ConfigureAwait(false) is not { } conversation)
        {
            return DirectLineResponses.NotFound();
        }

        var (activity, problem) = await ReadActivityAsync(context, messaging.Value.MaxRequestBodyBytes).ConfigureAwait(false);
        if (activity is null)
        {
            return problem!;
        }

        if (activity.Type == ActivityTypes.Typing)
        {
            // The bot does nothing with a visitor's typing, so it is neither stored nor passed on.
            return Results.Ok(new { id = "" });
        }

        if (activity.Type != ActivityTypes.Message && activity.Type != ActivityTypes.Event)
        {
            return DirectLineResponses.BadArgument($"Activities of type '{activity.Type}' are not accepted; send 'message' or 'event'.");
        }

        // The same per-conversation limit as /api/messages.
        TimeSpan? retryAfter;
        try
        {
            retryAfter = activity.Type == ActivityTypes.Message ? await rateLimiter.RejectAsync(conversationId).ConfigureAwait(false) : null;
        }
        catch (SharedStateUnavailableException error)
        {
            return Unavailable(context, error, logger);
        }

        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return DirectLineResponses.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "This conversation is sending too fast; retry after Retry-After seconds.");
        }

        var serviceUrl = PublicBaseUrl(request, options.Value);
        string? id = null;
        var failure = await RunTurnAsync(
            async () => id = await channel.PostAsync(conversation, activity, serviceUrl, CancellationToken.None).ConfigureAwait(false),
            context,
            conversation,
            logger).ConfigureAwait(false);
        return failure ?? Results.Ok(new { id });
    }

    // GET /conversations/{id}/activities?watermark=: polling, for clients without WebSockets.
    private static async Task<IResult> GetActivities(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var check = Authorize(request, tokens, conversationId);
        if (check.Token is null)
        {
            return check.Refusal!;
        }

        if (await conversations.FindAsync(conversationId).ConfigureAwait(false) is not { } conversation)
        {
            return DirectLineResponses.NotFound();
        }

        if (!TryParseWatermark(watermark, out var from))
        {
            return BadWatermark();
        }

        await conversation.TouchAsync().ConfigureAwait(false);
        var page = await conversation.AfterAsync(from ?? 0, MaxActivitiesPerResponse).ConfigureAwait(false);
        return Results.Text(DirectLineResponses.ActivitySet(page), "application/json; charset=utf-8");
    }

    // GET /conversations/{id}/stream?watermark=&t=: the WebSocket. Browsers cannot send headers on a WebSocket, so
    // the stream URL carries its own token, for this conversation and for connecting only, valid for 60 seconds.
    private static async Task<IResult> StreamAsync(
        string conversationId,
        string? watermark,
        string? t,
        HttpContext context,
        DirectLineTokens tokens,
        DirectLineConversations conversations,
        CleanseBotMetrics metrics,
        IOptions<DirectLineOptions> options,
        IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return DirectLineResponses.BadArgument("The stream is a WebSocket: connect to the streamUrl with a WebSocket client.");
        }

        var check = tokens.Check(t, TokenScope.Stream);
        if (check.Token is not { } token)
        {
            return RefusalFor(check.Problem);
        }

        if (token.ConversationId != conversationId)
        {
            return OtherConversation();
        }

        if (!WebChatOrigins.Allows(context.Request, options.Value))
        {
            return DirectLineResponses.Forbidden("Forbidden", "This site may not embed the chat; see DirectLine:AllowedOrigins.");
        }

        if (await conversations.FindAsync(conversationId).ConfigureAwait(false) is not { } conversation)
        {
            return DirectLineResponses.NotFound();
        }

        if (!TryParseWatermark(watermark, out var from))
        {
            return BadWatermark();
        }

        if (conversations.Shared is { } shared)
        {
            await shared.EnsureWakeupsAsync(conversations.Wake).ConfigureAwait(false);
        }

        var start = from ?? await conversation.WatermarkAsync().ConfigureAwait(false);
        await DirectLineStream.RunAsync(context, conversation, start, metrics, lifetime.ApplicationStopping).ConfigureAwait(false);
        return Results.Empty;
    }

    private static ConversationResponse Describe(DirectLineConversation conversation, DirectLineToken token, DirectLineTokens tokens, HttpRequest request, DirectLineOptions options, long watermark)
    {
        var streamToken = tokens.Issue(conversation.Id, conversation.UserId, TokenScope.Stream, DirectLineStream.ConnectWithin);
        var http = new Uri(PublicBaseUrl(request, options), $"{BasePath.TrimStart('/')}/conversations/{Uri.EscapeDataString(conversation.Id)}/stream");
        var stream = new UriBuilder(http)
        {
            Scheme = http.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Port = http.IsDefaultPort ? -1 : http.Port,
            Query = $"watermark={watermark.ToString(CultureInfo.InvariantCulture)}&t={Uri.EscapeDataString(streamToken)}",
        };
        return new ConversationResponse(conversation.Id, tokens.AfterStart(token), tokens.SecondsLeft(token), stream.Uri.AbsoluteUri);
    }

    /// <summary>
    /// The token in the Authorization header, if it is valid and for the conversation; otherwise the refusal: 401 when
    /// there is no valid token at all, 403 when it expired (DirectLineJS then reports an expired token) or is for
    /// another conversation.
    /// </summary>
    private static (DirectLineToken? Token, IResult? Refusal) Authorize(HttpRequest request, DirectLineTokens tokens, string? conversationId)
    {
        var check = tokens.Check(BearerToken(request), TokenScope.Conversation);
        if (check.Token is not { } token)
        {
            return (null, RefusalFor(check.Problem));
        }

        return conversationId is null || token.ConversationId == conversationId ? (token, null) : (null, OtherConversation());
    }

    private static IResult RefusalFor(TokenProblem problem) => problem switch
    {
        TokenProblem.Missing => DirectLineResponses.Unauthorized("A Direct Line token is required: Authorization: Bearer TOKEN."),
        TokenProblem.Expired => DirectLineResponses.Forbidden("TokenExpired", "The token has expired; get a new one."),
        _ => DirectLineResponses.Unauthorized("The token is not valid."),
    };

    private static IResult OtherConversation() => DirectLineResponses.Forbidden("Forbidden", "The token is for another conversation.");

    private static IResult BadWatermark() => DirectLineResponses.BadArgument("The watermark is not one this service gave.");

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static async Task<(Activity? Activity, IResult? Problem)> ReadActivityAsync(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            return (null, DirectLineResponses.Error(StatusCodes.Status413PayloadTooLarge, "BadArgument", "The activity is too large."));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = maxBytes;
        }

        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            var activity = JsonConvert.DeserializeObject<Activity>(body, HttpHelper.BotMessageSerializerSettings);
            return string.IsNullOrWhiteSpace(activity?.Type)
                ? (null, DirectLineResponses.BadArgument("The body must be a JSON activity with a 'type'."))
                : (activity, null);
        }
        catch (BadHttpRequestException error)
        {
            // Kestrel's verdict on the body: 413 when it outgrew the limit without announcing its length.
            return (null, DirectLineResponses.Error(error.StatusCode, "BadArgument", "The activity could not be read."));
        }
        catch (JsonException)
        {
            return (null, DirectLineResponses.Error(StatusCodes.Status400BadRequest, "BadSyntax", "The body is not a JSON activity."));
        }
    }

    /// <summary>Watermarks are the sequence numbers this service gives; empty or absent means none.</summary>
    private static bool TryParseWatermark(string? value, out long? watermark)
    {
        watermark = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        watermark = parsed;
        return true;
    }

    // A failure outside the turn (the adapter's error policy answers for those inside it) is logged here, once, and
    // answered as Azure's Direct Line answers when a bot fails: 502.
    private static async Task<IResult?> RunTurnAsync(Func<Task> turn, HttpContext context, DirectLineConversation conversation, ILogger logger)
    {
        try
        {
            await turn().ConfigureAwait(false);
            return null;
        }
        catch (SharedStateUnavailableException error)
        {
            return Unavailable(context, error, logger);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogTurnFailed(logger, error, conversation.Id);
            return DirectLineResponses.Error(StatusCodes.Status502BadGateway, "BotError", "The bot could not process the activity.");
        }
    }

    private static IResult Unavailable(HttpContext context, SharedStateUnavailableException error, ILogger logger)
    {
        SharedStateRefusal.Refuse(context, error, logger);
        return DirectLineResponses.Error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", SharedStateRefusal.Message);
    }

    // Redis gone: any call that needs it is refused with 503 and Retry-After, which Web Chat and DirectLineJS retry.
    private static async ValueTask<object?> UnavailableWithoutRedis(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (SharedStateUnavailableException error) when (!context.HttpContext.Response.HasStarted)
        {
            return Unavailable(context.HttpContext, error, context.HttpContext.RequestServices.GetRequiredService<ILogger<DirectLineChannel>>());
        }
    }

    // In Azure mode conversations run through Azure's Direct Line and /api/messages; this endpoint is not there.
    private static async ValueTask<object?> OffInAzureMode(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.AzureMode
            ? DirectLineResponses.Error(StatusCodes.Status404NotFound, "NotFound", "This bot uses Azure's Direct Line; get a token from POST /api/webchat/token.")
            : await next(context).ConfigureAwait(false);

    // Tokens and conversations are personal: no browser or proxy may keep a copy.
    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId} started")]
    private static partial void LogStarted(ILogger logger, string conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bot failed outside its turn in Direct Line conversation {ConversationId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception error, string conversationId);
}
