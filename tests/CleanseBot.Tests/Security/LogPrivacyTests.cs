using CleanseBot.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CleanseBot.Tests.Security;

/// <summary>
/// What a user writes reaches the log only at Debug level, which production does not enable: at the levels of
/// appsettings.json a question, an unanswerable message or an over-long one leaves no trace of its text.
/// </summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task Keeps_what_the_user_wrote_out_of_the_log_at_the_configured_levels()
    {
        await using var server = new CleanseBotServer(new() { ["RateLimiting:Enabled"] = "false" }, services: null);
        var marker = Marker();

        await SendAsync(server, marker);

        Assert.DoesNotContain(server.Logs.Entries, entry => entry.Message.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Logs_what_the_user_wrote_at_Debug_level_only()
    {
        await using var server = new CleanseBotServer(new() { ["RateLimiting:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Debug" }, services: null);
        var marker = Marker();

        await SendAsync(server, marker);

        var mentions = server.Logs.Entries.Where(entry => entry.Message.Contains(marker, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(mentions);
        Assert.All(mentions, entry => Assert.True(entry.Level == LogLevel.Debug, $"Logged at {entry.Level} by {entry.Category}: {entry.Message}"));
    }

    // A word no knowledge or log template contains, so that finding it in the log means the user's text was logged.
    private static string Marker() => "zq" + Guid.NewGuid().ToString("N");

    private static async Task SendAsync(CleanseBotServer server, string marker)
    {
        await server.StartAndWaitUntilReadyAsync();
        using var client = server.CreateClient();
        foreach (var text in new[]
        {
            $"Why choose an alcohol-free toner? {marker}",
            $"What is the capital of France? {marker}",
            string.Concat(Enumerable.Repeat(marker + " ", 100)),
        })
        {
            await Inbound.RepliesToAsync(client, Inbound.ExpectingReplies(text));
        }
    }
}
