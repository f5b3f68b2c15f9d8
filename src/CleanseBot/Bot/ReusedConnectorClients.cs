using System.Collections.Concurrent;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace CleanseBot.Bot;

/// <summary>
/// Connector clients kept from one turn to the next. The SDK builds a new ConnectorClient for every turn and disposes
/// it at the end; building one costs about as much CPU and memory as the whole echo-bot turn (about 90 KB: its HTTP
/// pipeline, serializer settings, user agent and a Regex), and an expectReplies turn never even uses it. A client
/// depends only on the bot's identity, the service URL and the audience, so one per such key serves every turn, as the
/// SDK's older BotFrameworkAdapter did. The number kept is bounded, because the service URL comes from the request.
/// </summary>
internal sealed class ReusedConnectorClients : IDisposable
{
    // Real deployments talk to a handful of service URLs (one per channel region); beyond this, clients are per turn again.
    public const int MaxClients = 64;

    private readonly ConcurrentDictionary<(string? BotId, string? CallerId, string ServiceUrl, string? Audience), SharedClient> _clients = new();

    /// <summary>A factory for this request's turn that hands out the kept client, creating it with the request's own factory the first time.</summary>
    public ConnectorFactory For(AuthenticateRequestResult authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        var claims = authentication.ClaimsIdentity?.Claims ?? [];
        var botId = ClaimValue(claims, AuthenticationConstants.AudienceClaim);
        var callerId = ClaimValue(claims, AuthenticationConstants.AppIdClaim) ?? ClaimValue(claims, AuthenticationConstants.AuthorizedParty);
        return new Factory(this, authentication.ConnectorFactory, botId, callerId);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Inner.Dispose();
        }

        _clients.Clear();
    }

    private static string? ClaimValue(IEnumerable<System.Security.Claims.Claim> claims, string type) =>
        claims.FirstOrDefault(claim => claim.Type == type)?.Value;

    private async Task<IConnectorClient> GetAsync(ConnectorFactory create, string? botId, string? callerId, string serviceUrl, string? audience, CancellationToken cancellationToken)
    {
        var key = (botId, callerId, serviceUrl, audience);
        if (_clients.TryGetValue(key, out var kept))
        {
            return kept;
        }

        var created = await create.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false);
        if (_clients.Count >= MaxClients)
        {
            // Disposed by the SDK at the end of the turn, as it would be without this class.
            return created;
        }

        var shared = new SharedClient(created);
        var winner = _clients.GetOrAdd(key, shared);
        if (!ReferenceEquals(winner, shared))
        {
            created.Dispose();
        }

        return winner;
    }

    // The key is everything the SDK's own factory builds a client from: the bot's id (the token's audience claim),
    // the service URL and the audience asked for; the caller's id too, so a skill's clients are never shared with a channel's.
    private sealed class Factory(ReusedConnectorClients clients, ConnectorFactory create, string? botId, string? callerId) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            clients.GetAsync(create, botId, callerId, serviceUrl, audience, cancellationToken);
    }

    // The SDK disposes the turn's client when the turn ends; a kept one must outlive the turn, so that is ignored here.
    private sealed class SharedClient(IConnectorClient inner) : IConnectorClient
    {
        public IConnectorClient Inner => inner;

        public Uri BaseUri
        {
            get => inner.BaseUri;
            set => inner.BaseUri = value;
        }

        public JsonSerializerSettings SerializationSettings => inner.SerializationSettings;

        public JsonSerializerSettings DeserializationSettings => inner.DeserializationSettings;

        public ServiceClientCredentials Credentials => inner.Credentials;

        public IAttachments Attachments => inner.Attachments;

        public IConversations Conversations => inner.Conversations;

        public void Dispose()
        {
        }
    }
}
