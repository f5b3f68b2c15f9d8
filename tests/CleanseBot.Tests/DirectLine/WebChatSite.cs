using System.Net;
using CleanseBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CleanseBot.Tests.DirectLine;

/// <summary>
/// The bot on real Kestrel, and a site owner's page on another origin (another port of 127.0.0.1) that embeds
/// widget.js and is on the bot's DirectLine:AllowedOrigins. The token signing key is known, so tests can forge.
/// </summary>
public sealed class WebChatSite : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-for-the-direct-line-tests-0123456789";

    /// <summary>An origin on the allow-list that no server answers, for CORS checks.</summary>
    public const string OtherAllowedOrigin = "https://shop.example.com";

    private WebApplication? _site;

    public CleanseBotServer Bot { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The bot's base URL, with a trailing slash.</summary>
    public Uri BotUrl => Client.BaseAddress!;

    /// <summary>The site owner's page that embeds the widget.</summary>
    public Uri SitePage { get; private set; } = null!;

    public string SiteOrigin => SitePage.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        // The site starts first, on a port of its own, so that its origin can go on the bot's allow-list; its page
        // names the bot's address, known only once the bot has started.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _site = builder.Build();
        _site.MapGet("/", () => Page("Glow Skin Studio", "Facials, peels and extractions by licensed estheticians. Questions before your visit? Ask our assistant.", GlowWidget));
        _site.MapGet("/treatments", () => Page("Our treatments", "Hydrafacials, enzyme peels and gentle extractions, each with a skin consultation first.", GlowWidget));
        _site.MapGet("/sunshine", () => Page(
            "Sunshine Spa",
            "A site whose colours fail: white text on yellow, which the widget must not use.",
            """data-title="Sunshine" data-color="#ffd60a" data-text-color="#ffffff" """));
        await _site.StartAsync();
        SitePage = new Uri(_site.Urls.Single() + "/");

        Bot = new CleanseBotServer(
            new Dictionary<string, string?>
            {
                ["DirectLine:TokenSigningKey"] = SigningKey,
                ["DirectLine:AllowedOrigins:0"] = SiteOrigin,
                ["DirectLine:AllowedOrigins:1"] = OtherAllowedOrigin,

                // Every test here calls from 127.0.0.1; the per-conversation limit stays as configured.
                ["RateLimiting:RequestsPerClientPerSecond"] = "100000",
                ["DirectLine:MaxConversationsPerClient"] = "100000",
            },
            services: null);
        await Bot.StartAndWaitUntilReadyAsync();
        Client = Bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    /// <summary>Another page of the same site, with the same widget: where a visitor goes next.</summary>
    public Uri SecondPage => new(SitePage, "treatments");

    /// <summary>A page of a site whose chosen text colour cannot be read on its accent.</summary>
    public Uri UnreadableColoursPage => new(SitePage, "sunshine");

    // The snippet from the README, its title and colour changed.
    private const string GlowWidget = """data-title="Glow Assistant" data-greeting="Questions before your facial? Ask me." data-color="#9d4edd" """;

    // A plain page of someone else's site.
    private IResult Page(string heading, string text, string widgetAttributes) => Results.Content(
        $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{heading}}</title>
        <style>body { margin: 0; padding: 40px; font: 18px Georgia, serif; background: #fdf6f0; color: #3d2c2e; } h1 { font-size: 40px; }</style>
        </head>
        <body>
          <h1>{{heading}}</h1>
          <p>{{text}}</p>
          <script src="{{BotUrl}}widget.js" async {{widgetAttributes}}></script>
        </body>
        </html>
        """,
        "text/html; charset=utf-8");
}

[CollectionDefinition(Name)]
public sealed class SharedWebChatSite : ICollectionFixture<WebChatSite>
{
    public const string Name = "Web chat site";
}
