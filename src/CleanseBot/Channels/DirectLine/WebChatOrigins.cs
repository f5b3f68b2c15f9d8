using CleanseBot.Hosting;

namespace CleanseBot.Channels.DirectLine;

/// <summary>Which sites may use the chat from a browser: the service's own pages, and DirectLine:AllowedOrigins.</summary>
internal static class WebChatOrigins
{
    /// <summary>
    /// Whether the request's Origin may use the chat. CORS covers the REST calls, but a browser opens a WebSocket to
    /// any site without asking, so the stream checks the Origin itself. No Origin means no browser (Node, a server, a
    /// test): the token still has to be right.
    /// </summary>
    public static bool Allows(HttpRequest request, DirectLineOptions options)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0
            || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            || (options.PublicUrl.Length > 0 && string.Equals(origin, new Uri(options.PublicUrl).GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        foreach (var allowed in options.AllowedOrigins)
        {
            if (allowed == "*" || string.Equals(origin, allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
