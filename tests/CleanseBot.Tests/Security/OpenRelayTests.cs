using System.Net;
using CleanseBot.Hosting;
using CleanseBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanseBot.Tests.Security;

/// <summary>
/// Without MicrosoftAppId (anonymous, the default) nobody proves who is calling, so the bot must not post its replies
/// wherever a caller's serviceUrl points: only to this machine (the Emulator) or to Messaging:AllowedServiceUrls.
/// The channels here listen on the machine's own network address, which the bot can reach; AbuseTests has the relay attempt.
/// </summary>
public sealed class OpenRelayTests
{
    private const string Question = "Why choose an alcohol-free toner?";

    [Fact]
    public async Task Without_an_app_id_replies_to_a_serviceUrl_on_the_allow_list()
    {
        await using var channel = await SinkConnector.StartAsync(address: SinkConnector.MachineAddress());
        await using var bot = await StartAsync(new() { ["Messaging:AllowedServiceUrls:0"] = channel.ServiceUrl.AbsoluteUri });
        using var client = bot.CreateClient();

        using var response = await Inbound.PostAsync(client, Inbound.Message(Question, channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(channel.Received > 0, "The bot never replied to the allowed serviceUrl.");
    }

    [Fact]
    public async Task Without_an_app_id_replies_to_the_Emulator_on_this_machine()
    {
        await using var emulator = await FakeConnector.StartAsync();
        await using var bot = await StartAsync([]);
        using var client = bot.CreateClient();

        using var response = await Inbound.PostAsync(client, Inbound.Message(Question, new Uri($"http://localhost:{emulator.ServiceUrl.Port}/")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Expect.AnswerOf(407, (await emulator.NextAsync()).Activity);
    }

    [Fact]
    public async Task Answers_in_the_response_whatever_the_serviceUrl_when_replies_are_expected_there()
    {
        await using var bot = await StartAsync([]);
        using var client = bot.CreateClient();
        var message = Inbound.Message(Question, new Uri("http://10.0.0.1:8080/"), DeliveryModes.ExpectReplies);

        var replies = await Inbound.RepliesToAsync(client, message);

        Expect.AnswerOf(407, Assert.Single(replies, reply => reply.Type == ActivityTypes.Message));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://files.example.com/")]
    [InlineData("https://channel.example.com/?query")]
    public async Task Refuses_to_start_with_an_allowed_serviceUrl_that_is_not_an_http_address(string entry)
    {
        // Built as Program.cs builds it, as StartupTests does, so that the validation error itself is what fails.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection([new("Messaging:AllowedServiceUrls:0", entry), new("Urls", "http://127.0.0.1:0")]);
        builder.Logging.ClearProviders();
        builder.AddCleanseBot();
        await using var app = builder.Build();
        app.MapCleanseBot();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Messaging:AllowedServiceUrls", error.Message, StringComparison.Ordinal);
    }

    private static async Task<CleanseBotServer> StartAsync(Dictionary<string, string?> settings)
    {
        var bot = new CleanseBotServer(settings, services: null);
        await bot.StartAndWaitUntilReadyAsync();
        return bot;
    }
}
