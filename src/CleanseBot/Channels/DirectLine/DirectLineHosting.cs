using CleanseBot.Hosting;
using CleanseBot.Redis;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanseBot.Channels.DirectLine;

/// <summary>What the web chat channel registers: the Direct Line endpoint's parts, CORS for the allowed sites, compression.</summary>
internal static class DirectLineHosting
{
    /// <summary>The headers Web Chat and DirectLineJS send on their REST calls.</summary>
    private static readonly string[] WebChatHeaders = ["Authorization", "Content-Type", "x-ms-bot-agent", "X-Requested-With"];

    public static IServiceCollection AddDirectLine(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.SectionName).ValidateOnStart(new DirectLineOptionsValidator());

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineMemoryBudget>();
        // With Redis on, conversations live there (RedisHosting decides; the choice is read from the validated options).
        services.AddSingleton(provider => new DirectLineConversations(
            provider.GetRequiredService<IOptions<DirectLineOptions>>(),
            provider.GetRequiredService<DirectLineMemoryBudget>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<DirectLineConversations>>(),
            provider.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled ? provider.GetRequiredService<RedisDirectLineStore>() : null));
        services.AddHostedService<DirectLineEviction>();
        services.AddSingleton<DirectLineChannel>();
        services.AddHttpClient<AzureDirectLine>(http => http.Timeout = TimeSpan.FromSeconds(10));

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) => cors.AddPolicy(DirectLineApi.CorsPolicy, policy =>
        {
            var origins = directLine.Value.AllowedOrigins;
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. origins]);
            }

            // Tokens travel in the Authorization header, never in cookies, so no credentials mode is needed.
            policy.WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders(WebChatHeaders)
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));

        // Browsers answer pings, so a dead connection is noticed and proxies do not close a quiet stream.
        services.Configure<WebSocketOptions>(webSockets => webSockets.KeepAliveInterval = TimeSpan.FromSeconds(30));

        // Pages, widget.js and styles are compressed as they are sent; Web Chat's bundle was compressed at build
        // (WebChatFiles). JSON is left alone: it carries tokens next to visitors' text, the mix BREACH attacks.
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml"];
        });
        return services;
    }
}
