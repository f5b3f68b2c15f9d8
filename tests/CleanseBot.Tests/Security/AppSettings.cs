using CleanseBot.Hosting;
using Microsoft.Extensions.Configuration;

namespace CleanseBot.Tests.Security;

/// <summary>The limits in the real appsettings.json, copied next to the tests, as the service reads them.</summary>
internal static class AppSettings
{
    private static readonly Lazy<IConfiguration> Configuration = new(() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
        .Build());

    public static int MaxRequestBodyBytes =>
        checked((int)(Configuration.Value.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions()).MaxRequestBodyBytes);

    public static DirectLineOptions DirectLine =>
        Configuration.Value.GetSection(DirectLineOptions.SectionName).Get<DirectLineOptions>() ?? new DirectLineOptions();

    public static RateLimitingOptions RateLimiting =>
        Configuration.Value.GetSection(RateLimitingOptions.SectionName).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
}
