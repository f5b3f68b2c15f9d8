using System.Globalization;
using System.Net;
using System.Runtime.ExceptionServices;
using Stopwatch = System.Diagnostics.Stopwatch;
using CleanseBot.Hosting;
using CleanseBot.Redis;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CleanseBot.Bot;

/// <summary>
/// The Bot Framework adapter with the service's error policy in one place: a body too large gets 413, an activity
/// that cannot be read a 400 that says why, any failed authentication a 401, replies an anonymous bot may not send
/// (<see cref="AnonymousReplyDestinations"/>) a 403, a conversation sending too fast a 429, and an error inside a
/// turn is logged with its conversation and answered with an apology.
/// </summary>
internal sealed partial class CleanseBotAdapter : CloudAdapter, IDisposable
{
    private readonly BotFrameworkAuthentication _authentication;
    private readonly ReusedConnectorClients _connectorClients = new();
    private readonly ConversationRateLimiter _rateLimiter;
    private readonly AnonymousReplyDestinations _replyDestinations;
    private readonly KnowledgeIndexProvider _index;
    private readonly long _maxRequestBodyBytes;
    private readonly ILogger<CleanseBotAdapter> _logger;

    // The SDK gets a logger of its own category so that its per-activity chatter is filtered with "Microsoft.Bot".
    // Its per-turn clients are made cheap: the connector client is kept between turns, the user token client is
    // created only if asked for; together they were most of the SDK's own cost of a turn.
    public CleanseBotAdapter(
        BotFrameworkAuthentication authentication,
        ConversationRateLimiter rateLimiter,
        AnonymousReplyDestinations replyDestinations,
        KnowledgeIndexProvider index,
        IOptions<MessagingOptions> messaging,
        ILogger<CloudAdapter> sdkLogger,
        ILogger<CleanseBotAdapter> logger)
        : base(new DeferredUserTokenClients(authentication), sdkLogger)
    {
        _authentication = authentication;
        _rateLimiter = rateLimiter;
        _replyDestinations = replyDestinations;
        _index = index;
        _maxRequestBodyBytes = messaging.Value.MaxRequestBodyBytes;
        _logger = logger;
        OnTurnError = ApologiseAsync;
    }

    /// <summary>Reads the activity in the request, runs the bot on it and writes the response.</summary>
    public async Task HandleAsync(HttpContext context, IBot bot)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.ContentLength > _maxRequestBodyBytes)
        {
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = _maxRequestBodyBytes;
        }

        Activity? activity;
        try
        {
            activity = await ReadActivityAsync(request).ConfigureAwait(false);
        }
        catch (BadHttpRequestException error)
        {
            // Kestrel's own verdict on the body: 413 when it outgrew the limit without announcing its length.
            response.StatusCode = error.StatusCode;
            return;
        }

        if (ActivityShape.Problem(activity) is { } problem)
        {
            LogRejected(_logger, problem);
            response.StatusCode = (int)HttpStatusCode.BadRequest;
            await response.WriteAsync(problem, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var authentication = await AuthenticateAsync(activity!, request.Headers.Authorization.ToString(), context.RequestAborted).ConfigureAwait(false);
        if (authentication is null)
        {
            response.StatusCode = (int)HttpStatusCode.Unauthorized;
            return;
        }

        // Replies expected in the response go nowhere else; any other reply would go to the serviceUrl.
        var serviceUrl = new Uri(activity!.ServiceUrl);
        if (activity.DeliveryMode != DeliveryModes.ExpectReplies && !_replyDestinations.Allows(serviceUrl))
        {
            LogRelayRefused(_logger, serviceUrl.GetLeftPart(UriPartial.Authority));
            response.StatusCode = StatusCodes.Status403Forbidden;
            await response.WriteAsync(
                "Without MicrosoftAppId, replies go only to this machine (the Emulator) or to Messaging:AllowedServiceUrls; send deliveryMode \"expectReplies\" to get them in the response.",
                context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // Every log written during the turn carries the conversation and channel, so one conversation can be followed.
        using var scope = _logger.BeginScope(new TurnScope(activity.Conversation.Id, activity.ChannelId));
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (activity.Type == ActivityTypes.Message && await _rateLimiter.RejectAsync(activity.Conversation.Id).ConfigureAwait(false) is { } retryAfter)
            {
                LogRateLimited(_logger, activity.Conversation.Id, retryAfter.TotalSeconds);
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return;
            }

            authentication.ConnectorFactory = _connectorClients.For(authentication);
            var invokeResponse = await ProcessActivityAsync(authentication, activity, bot.OnTurnAsync, context.RequestAborted).ConfigureAwait(false);
            await HttpHelper.WriteResponseAsync(response, invokeResponse).ConfigureAwait(false);
        }
        catch (SharedStateUnavailableException error)
        {
            SharedStateRefusal.Refuse(context, error, _logger);
            await response.WriteAsync(SharedStateRefusal.Message, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        _index.NoteAnswered();
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogHandled(_logger, activity.Type, activity.Conversation.Id, response.StatusCode, elapsedMs);
    }

    public void Dispose() => _connectorClients.Dispose();

    // As HttpHelper.ReadRequestAsync, but JSON that goes on after the activity is as malformed as JSON cut short.
    private static async Task<Activity?> ReadActivityAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        buffer.Position = 0;
        using var reader = new Newtonsoft.Json.JsonTextReader(new StreamReader(buffer, System.Text.Encoding.UTF8)) { MaxDepth = null };
        try
        {
            var activity = HttpHelper.BotMessageSerializer.Deserialize<Activity>(reader);
            return await reader.ReadAsync().ConfigureAwait(false) ? null : activity;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    // Every way a token can fail (missing, expired, forged, malformed, wrong audience or issuer, unknown key,
    // metadata unreachable) is a 401 to the caller. The SDK itself maps only UnauthorizedAccessException, and
    // lets the rest escape as 500s. The log names the failure, never the token.
    private async Task<AuthenticateRequestResult?> AuthenticateAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        try
        {
            return await _authentication.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The SDK's own reasons are fixed sentences; IdentityModel's quote the token (its key id, say), so only their code is kept.
            var reason = error is UnauthorizedAccessException ? error.Message : error.Message.Split(':')[0];
            LogUnauthorized(_logger, activity.ChannelId, error.GetType().Name, reason);
            return null;
        }
    }

    private async Task ApologiseAsync(ITurnContext turnContext, Exception error)
    {
        // Not a failed turn but one that cannot run now: it goes back to the caller, which answers 503 and the
        // channel retries; an apology would tell the visitor their message was handled when it was not.
        if (error is SharedStateUnavailableException)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        var activity = turnContext.Activity;
        LogTurnFailed(_logger, error, activity.Conversation?.Id, activity.ChannelId, activity.Type);
        try
        {
            await turnContext.SendActivityAsync(
                "Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment.").ConfigureAwait(false);
            // The Emulator shows trace activities to the developer; other channels drop them.
            await turnContext.SendActivityAsync(
                Activity.CreateTraceActivity("OnTurnError", "https://www.botframework.com/schemas/error", error.GetType().Name, "TurnError")).ConfigureAwait(false);
        }
        catch (Exception sendError) when (sendError is HttpRequestException or InvalidOperationException or OperationCanceledException or Microsoft.Rest.RestException or FormatException or ArgumentException)
        {
            LogApologyFailed(_logger, sendError, activity.Conversation?.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled a {ActivityType} activity in conversation {ConversationId}: {StatusCode} in {ElapsedMs:F2} ms")]
    private static partial void LogHandled(ILogger logger, string activityType, string conversationId, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request to /api/messages: {Problem}")]
    private static partial void LogRejected(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an unauthenticated activity from channel {ChannelId}: {FailureType}: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string channelId, string failureType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity whose replies would go to {ServiceUrl}: without MicrosoftAppId, replies go only to loopback (the Emulator on this machine) or to Messaging:AllowedServiceUrls. For a channel in Azure, set MicrosoftAppId and MicrosoftAppPassword; for another trusted channel, add its serviceUrl to Messaging:AllowedServiceUrls")]
    private static partial void LogRelayRefused(ILogger logger, string serviceUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} is sending too fast; asked to retry after {RetryAfterSeconds} s")]
    private static partial void LogRateLimited(ILogger logger, string conversationId, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed in conversation {ConversationId} on channel {ChannelId} for a {ActivityType} activity")]
    private static partial void LogTurnFailed(ILogger logger, Exception error, string? conversationId, string? channelId, string? activityType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the apology in conversation {ConversationId}")]
    private static partial void LogApologyFailed(ILogger logger, Exception error, string? conversationId);
}
