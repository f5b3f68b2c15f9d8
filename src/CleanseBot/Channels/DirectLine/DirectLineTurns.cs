using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace CleanseBot.Bot;

/// <summary>Turns for the built-in Direct Line endpoint: the same adapter, middleware and error policy as /api/messages, in process.</summary>
internal sealed partial class CleanseBotAdapter
{
    /// <summary>
    /// Runs the bot on an activity from the built-in Direct Line endpoint and returns what it sent. The activity is
    /// marked "expectReplies", so the SDK collects the replies instead of posting them to a serviceUrl.
    /// </summary>
    /// <param name="botAppId">MicrosoftAppId, or empty in anonymous mode.</param>
    public async Task<IList<Activity>> ProcessDirectLineActivityAsync(Activity activity, string? botAppId, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(bot);
        activity.DeliveryMode = DeliveryModes.ExpectReplies;

        // The endpoint has checked the visitor's Direct Line token already. The SDK is shown the channel behind the
        // activity as it would be after a Bot Framework token for this bot was validated (anonymous when the bot has
        // no app id), so it builds its clients as it does for any other channel.
        var identity = string.IsNullOrEmpty(botAppId)
            ? new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType)
            : new ClaimsIdentity([new Claim(AuthenticationConstants.AudienceClaim, botAppId), new Claim(AuthenticationConstants.AppIdClaim, botAppId)], "DirectLine");
        var authentication = new AuthenticateRequestResult
        {
            ClaimsIdentity = identity,
            Audience = AuthenticationConstants.ToChannelFromBotOAuthScope,
            ConnectorFactory = _authentication.CreateConnectorFactory(identity),
        };
        authentication.ConnectorFactory = _connectorClients.For(authentication);

        var response = await ProcessActivityAsync(authentication, activity, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
        _index.NoteAnswered();
        return (response?.Body as ExpectedReplies)?.Activities ?? [];
    }
}
