using CleanseBot.Hosting;

namespace CleanseBot.LiveKnowledge;

/// <summary>Live knowledge updates: the reloader, and what triggers it (the folder watcher, SIGHUP; the admin endpoint is mapped with the APIs).</summary>
internal static class LiveKnowledgeHosting
{
    public static WebApplicationBuilder AddLiveKnowledge(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SavedIndexes>();
        services.AddSingleton<KnowledgeReloader>();

        // Stopped after the triggers below (hosted services stop in reverse order), so none starts a reload it then abandons.
        services.AddHostedService(static provider => provider.GetRequiredService<KnowledgeReloader>());
        services.AddHostedService<KnowledgeFolderWatcher>();
        services.AddHostedService<ReloadOnHangup>();
        return builder;
    }
}
