using System.Globalization;
using System.Threading.RateLimiting;
using CleanseBot.Admin;
using CleanseBot.Answering;
using CleanseBot.Apis;
using CleanseBot.Bot;
using CleanseBot.Channels.DirectLine;
using CleanseBot.Dialogs;
using CleanseBot.LiveKnowledge;
using CleanseBot.QuestionLogging;
using CleanseBot.Redis;
using CleanseBot.Telemetry;
using CleanseBot.Transcripts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanseBot.Hosting;

/// <summary>Composition of the service: what is registered, and what is mapped.</summary>
internal static class CleanseBotHosting
{
    /// <summary>The ASP.NET Core rate-limiting policy for /api/messages: requests per client address.</summary>
    public const string ClientAddressPolicy = "per-client-address";

    /// <summary>Who a request counts against, for the per-address limits: the address it came from.</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static WebApplicationBuilder AddCleanseBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<AnsweringOptions>()
            .BindConfiguration(AnsweringOptions.SectionName)
            .Validate(o => o.SuggestionThreshold <= o.ConfidenceThreshold, "Answering:SuggestionThreshold must not exceed Answering:ConfidenceThreshold.")
            .Validate(o => o.WarningSignVeto < o.WarningSignThreshold || o.WarningSignVeto == 0, "Answering:WarningSignVeto must be below Answering:WarningSignThreshold.")
            .Validate(o => o.ConfidenceThreshold <= o.ClearConfidence, "Answering:ConfidenceThreshold must not exceed Answering:ClearConfidence.")
            .ValidateOnStart(new AnsweringOptionsValidator());
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateOnStart(new KnowledgeOptionsValidator());
        services.AddOptions<RerankerOptions>().BindConfiguration(RerankerOptions.SectionName).ValidateOnStart(new RerankerOptionsValidator());
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateOnStart(new MessagingOptionsValidator());
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName).ValidateOnStart(new RateLimitingOptionsValidator());

        services.AddSingleton<KnowledgeIndexProvider>();
        services.AddSingleton<IKnowledgeSource>(static provider => provider.GetRequiredService<KnowledgeIndexProvider>());
        services.AddHostedService<KnowledgeIndexLoader>();
        builder.AddLiveKnowledge();

        // Reads MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId; anonymous when the id is empty.
        services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();

        // CloudAdapter's constructors are ambiguous to dependency injection, so it is built by hand.
        // The conversation rate limiter is registered with the shared state (AddSharedState): it counts in Redis when there is one.
        services.AddSingleton<AnonymousReplyDestinations>();
        services.AddSingleton(provider => new CleanseBotAdapter(
            provider.GetRequiredService<BotFrameworkAuthentication>(),
            provider.GetRequiredService<ConversationRateLimiter>(),
            provider.GetRequiredService<AnonymousReplyDestinations>(),
            provider.GetRequiredService<KnowledgeIndexProvider>(),
            provider.GetRequiredService<IOptions<MessagingOptions>>(),
            provider.GetRequiredService<ILogger<CloudAdapter>>(),
            provider.GetRequiredService<ILogger<CleanseBotAdapter>>()).UseTranscripts(provider));

        // Conversation memory for follow-ups: in this process with bounded size for one instance, in Redis for
        // several (AddSharedState).
        services.AddOptions<ConversationStateOptions>().BindConfiguration(ConversationStateOptions.SectionName).ValidateOnStart(new ConversationStateOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        builder.AddSharedState();
        services.AddSingleton<ConversationState>();

        services.AddSingleton<Replies>();
        services.AddSingleton<AnswerDialog>();
        services.AddSingleton<IBot, CleanseBotActivityHandler>();

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, HttpJson.Default));
        services.AddRateLimiter(AddClientAddressLimit);
        services.AddDirectLine();
        builder.AddCleanseBotTelemetry();
        builder.AddQuestionLog();
        builder.AddAdmin();
        builder.AddTranscripts();
        return builder;
    }

    public static WebApplication MapCleanseBot(this WebApplication app)
    {
        // Only the web chat's pages, script and styles are compressed as they are sent (DirectLineHosting).
        app.UseOnFirstNeed(WebChatFiles.MayServe, branch => branch.UseResponseCompression().UseWebChatFiles());
        app.UseOnFirstNeed(DirectLineApi.IsFor, branch => branch.UseCors().UseWebSockets());

        // Off (as for a load benchmark), the limiter is left out of the pipeline rather than run with no limit.
        if (app.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }

        app.MapBotApi();
        app.MapDirectLineApi();
        app.MapCleanseBotTelemetry();
        app.MapAdmin();
        return app;
    }

    private static void AddClientAddressLimit(RateLimiterOptions limiter)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = static (context, _) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            context.HttpContext.RequestServices.GetRequiredService<CleanseBotMetrics>().RateLimited(RateLimit.ClientAddress);
            return ValueTask.CompletedTask;
        };
        limiter.AddPolicy(ClientAddressPolicy, static context =>
        {
            var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.RequestsPerClientPerSecond,
                Window = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            });
        });
    }
}
