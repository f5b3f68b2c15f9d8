using CleanseBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanseBot.Tests.QuestionLogging;

/// <summary>A question-log setting that cannot work stops the service at start, naming it, rather than losing turns later.</summary>
public sealed class QuestionLogOptionsTests
{
    [Theory]
    [InlineData("QuestionLog:RetentionDays", "0", "RetentionDays")]
    [InlineData("QuestionLog:QueueCapacity", "0", "QueueCapacity")]
    [InlineData("QuestionLog:BatchSize", "0", "BatchSize")]
    [InlineData("QuestionLog:ConnectionString", "Data Source=", "must name a SQLite file")]
    [InlineData("QuestionLog:Provider", "PostgreSql", "still SQLite's default")]
    public async Task Refuses_to_start_with_an_invalid_setting_and_says_which(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync((key, value)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switched_off_it_ignores_the_other_settings()
    {
        await StartAsync(("QuestionLog:Enabled", "false"), ("QuestionLog:Provider", "PostgreSql"));
    }

    private static async Task StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection([.. settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)), new("Urls", "http://127.0.0.1:0")]);
        builder.Logging.ClearProviders();
        builder.AddCleanseBot();
        await using var app = builder.Build();
        app.MapCleanseBot();
        await app.StartAsync();
        await app.StopAsync();
    }
}
