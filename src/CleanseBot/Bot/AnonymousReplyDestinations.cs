using System.Net;
using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Bot;

/// <summary>
/// Where the bot may send replies when it has no MicrosoftAppId. Then no caller proves who it is, and a caller's
/// serviceUrl would make the bot an open relay: it would POST its reply to any address it can reach, internal ones
/// included. The SDK allows that for the Emulator; this allows the Emulator on this machine (a loopback serviceUrl)
/// and the channels on Messaging:AllowedServiceUrls. With an app id the SDK checks the caller's token, which names
/// its serviceUrl, and every destination is allowed.
/// </summary>
internal sealed class AnonymousReplyDestinations(IConfiguration configuration, IOptions<MessagingOptions> options)
{
    private readonly bool _anonymous = string.IsNullOrEmpty(configuration["MicrosoftAppId"]);
    private readonly Uri[] _allowed = [.. options.Value.AllowedServiceUrls.Select(url => new Uri(url))];

    /// <summary>Whether replies may go to <paramref name="serviceUrl"/>, an absolute http or https URL.</summary>
    public bool Allows(Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        return !_anonymous || IsLoopback(serviceUrl) || _allowed.Any(allowed => IsUnder(serviceUrl, allowed));
    }

    // Only the name localhost and loopback addresses written out: a host name that merely resolves to one could
    // resolve elsewhere by the time the reply is sent.
    private static bool IsLoopback(Uri url) =>
        url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    // The same scheme, host and port, and a path under the allowed one: a channel's replies go to paths below its serviceUrl.
    private static bool IsUnder(Uri url, Uri allowed) =>
        Uri.Compare(url, allowed, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && url.AbsolutePath.StartsWith(allowed.AbsolutePath, StringComparison.Ordinal);
}
