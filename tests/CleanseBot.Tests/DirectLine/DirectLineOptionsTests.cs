using CleanseBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanseBot.Tests.DirectLine;

/// <summary>The web chat channel's settings are checked at start-up, like every other.</summary>
public sealed class DirectLineOptionsTests
{
    [Theory]
    [InlineData("DirectLine:AllowedOrigins:0", "https://shop.example.com/page", "AllowedOrigins")]
    [InlineData("DirectLine:AllowedOrigins:0", "shop.example.com", "AllowedOrigins")]
    [InlineData("DirectLine:TokenSigningKey", "too-short", "TokenSigningKey")]
    [InlineData("DirectLine:TokenLifetime", "00:00:10", "TokenLifetime")]
    [InlineData("DirectLine:PublicUrl", "bot.example.com", "PublicUrl")]
    public async Task Refuses_to_start_with_an_invalid_setting_and_names_it(string key, string value, string named)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection([new(key, value), new("Urls", "http://127.0.0.1:0")]);
        builder.Logging.ClearProviders();
        builder.AddCleanseBot();
        await using var app = builder.Build();
        app.MapCleanseBot();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
