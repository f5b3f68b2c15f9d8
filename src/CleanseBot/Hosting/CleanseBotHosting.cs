using CleanseBot.Apis;
using CleanseBot.Bot;
using CleanseBot.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace CleanseBot.Hosting;

/// <summary>Composition of the service: what is registered, and what is mapped.</summary>
internal static class CleanseBotHosting
{
    public static WebApplicationBuilder AddCleanseBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<AnsweringOptions>()
            .BindConfiguration(AnsweringOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.SuggestionThreshold <= o.ConfidenceThreshold, "Answering:SuggestionThreshold must not exceed Answering:ConfidenceThreshold.")
            .Validate(o => o.ConfidenceThreshold <= o.ClearConfidence, "Answering:ConfidenceThreshold must not exceed Answering:ClearConfidence.")
            .ValidateOnStart();
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<KnowledgeIndexProvider>();
        services.AddHostedService<KnowledgeIndexLoader>();

        // Reads MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId; anonymous when the id is empty.
        services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();

        // CloudAdapter's constructors are ambiguous to dependency injection, so it is built by hand.
        services.AddSingleton(provider => new CleanseBotAdapter(
            provider.GetRequiredService<BotFrameworkAuthentication>(),
            provider.GetRequiredService<ILogger<CloudAdapter>>(),
            provider.GetRequiredService<ILogger<CleanseBotAdapter>>()));

        // Conversation memory for follow-ups. MemoryStorage keeps it in this process: fine for one instance;
        // several instances behind a load balancer would need a shared IStorage such as Blob or Cosmos DB storage.
        services.AddSingleton<IStorage, MemoryStorage>();
        services.AddSingleton<ConversationState>();

        services.AddSingleton<Replies>();
        services.AddSingleton<AnswerDialog>();
        services.AddSingleton<IBot, CleanseBotActivityHandler>();
        return builder;
    }

    public static WebApplication MapCleanseBot(this WebApplication app)
    {
        app.MapBotApi();
        return app;
    }
}
