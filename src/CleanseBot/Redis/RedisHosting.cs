using CleanseBot.Bot;
using CleanseBot.Hosting;
using CleanseBot.Telemetry;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace CleanseBot.Redis;

/// <summary>
/// Where the state several replicas must share lives: in Redis when Redis:Configuration is set, otherwise in this
/// process (the embedded default, for one instance). The choice is made when each store is first needed, from the
/// validated options: configuration added after composition (a test host's, say) is seen too.
/// </summary>
internal static class RedisHosting
{
    public static WebApplicationBuilder AddSharedState(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateOnStart(new RedisOptionsValidator());
        services.AddSingleton<IValidateOptions<DirectLineOptions>, SigningKeyWithRedis>();

        services.AddSingleton<RedisConnection>();
        services.AddSingleton<SharedMessageCounter>();
        services.AddSingleton<RedisDirectLineStore>();
        services.AddSingleton<IStorage>(provider => UsesRedis(provider)
            ? ActivatorUtilities.CreateInstance<RedisStorage>(provider)
            : ActivatorUtilities.CreateInstance<ExpiringMemoryStorage>(provider));
        services.AddSingleton(provider => new ConversationRateLimiter(
            provider.GetRequiredService<IOptions<RateLimitingOptions>>(),
            provider.GetRequiredService<CleanseBotMetrics>(),
            UsesRedis(provider) ? provider.GetRequiredService<SharedMessageCounter>() : null));
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [TelemetryHosting.ReadyTag]);
        return builder;
    }

    private static bool UsesRedis(IServiceProvider provider) => provider.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled;
}
