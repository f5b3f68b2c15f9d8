using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace CleanseBot.Bot;

/// <summary>
/// The Bot Framework adapter with the service's error policy in one place: an activity that cannot be read
/// gets a 400 that says why, a failed authentication a 401, and an error inside a turn is logged with its
/// conversation and answered with an apology.
/// </summary>
internal sealed partial class CleanseBotAdapter : CloudAdapter
{
    private readonly ILogger<CleanseBotAdapter> _logger;

    // The SDK gets a logger of its own category so that its per-activity chatter is filtered with "Microsoft.Bot".
    public CleanseBotAdapter(BotFrameworkAuthentication authentication, ILogger<CloudAdapter> sdkLogger, ILogger<CleanseBotAdapter> logger)
        : base(authentication, sdkLogger)
    {
        _logger = logger;
        OnTurnError = ApologiseAsync;
    }

    /// <summary>Reads the activity in the request, runs the bot on it and writes the response.</summary>
    public async Task HandleAsync(HttpContext context, IBot bot)
    {
        var request = context.Request;
        var response = context.Response;
        var activity = await HttpHelper.ReadRequestAsync<Activity>(request).ConfigureAwait(false);
        if (ActivityShape.Problem(activity) is { } problem)
        {
            LogRejected(_logger, problem);
            response.StatusCode = (int)HttpStatusCode.BadRequest;
            await response.WriteAsync(problem, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        try
        {
            var authHeader = request.Headers.Authorization.ToString();
            var invokeResponse = await ProcessActivityAsync(authHeader, activity!, bot.OnTurnAsync, context.RequestAborted).ConfigureAwait(false);
            await HttpHelper.WriteResponseAsync(response, invokeResponse).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException error)
        {
            // The message only: it says what failed without repeating the token.
            LogUnauthorized(_logger, activity!.ChannelId, error.Message);
            response.StatusCode = (int)HttpStatusCode.Unauthorized;
        }
    }

    private async Task ApologiseAsync(ITurnContext turnContext, Exception error)
    {
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
        catch (Exception sendError) when (sendError is HttpRequestException or InvalidOperationException or OperationCanceledException or Microsoft.Rest.HttpOperationException)
        {
            LogApologyFailed(_logger, sendError, activity.Conversation?.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request to /api/messages: {Problem}")]
    private static partial void LogRejected(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an unauthenticated activity from channel {ChannelId}: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed in conversation {ConversationId} on channel {ChannelId} for a {ActivityType} activity")]
    private static partial void LogTurnFailed(ILogger logger, Exception error, string? conversationId, string? channelId, string? activityType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the apology in conversation {ConversationId}")]
    private static partial void LogApologyFailed(ILogger logger, Exception error, string? conversationId);
}
