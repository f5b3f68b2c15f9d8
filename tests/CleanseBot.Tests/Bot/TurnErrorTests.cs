using System.Net;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanseBot.Tests.Bot;

/// <summary>The adapter's error policy, over real HTTP: a turn that fails is apologised for and logged once with its conversation.</summary>
public sealed class TurnErrorTests(TurnErrorTests.ServiceWithAFailingBot service) : IClassFixture<TurnErrorTests.ServiceWithAFailingBot>
{
    private const string Question = "How often should I deep cleanse at home?";

    [Fact]
    public async Task Apologises_to_the_user_when_the_turn_fails()
    {
        var replies = await Inbound.RepliesToAsync(service.Client, Inbound.ExpectingReplies(Question));

        var apology = Assert.Single(replies, reply => reply.Type == "message");
        Assert.StartsWith("Sorry, something went wrong on my side", Expect.Text(apology), StringComparison.Ordinal);
        Assert.DoesNotContain(FailingBot.Problem, Expect.Text(apology), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_a_failed_turn_once_as_an_error_with_its_conversation()
    {
        var message = Inbound.ExpectingReplies(Question);
        var conversationId = (string)message["conversation"]!["id"]!;

        await Inbound.RepliesToAsync(service.Client, message);

        var logged = Assert.Single(service.Server.Logs.Entries, entry => entry.Exception is FailingBotException && entry.Message.Contains(conversationId, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Equal("CleanseBot.Bot.CleanseBotAdapter", logged.Category);
        Assert.Equal(FailingBot.Problem, logged.Exception!.Message);
    }

    [Fact]
    public async Task Sends_the_apology_to_the_channel_when_the_turn_fails()
    {
        await using var connector = await FakeConnector.StartAsync();
        var message = Inbound.Message(Question, connector.ServiceUrl);

        using var response = await Inbound.PostAsync(service.Client, message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await connector.NextAsync();
        Assert.Equal((string)message["id"]!, sent.ReplyToId);
        Assert.StartsWith("Sorry, something went wrong on my side", Expect.Text(sent.Activity), StringComparison.Ordinal);
    }

    /// <summary>The real service with its bot swapped for one whose every turn throws.</summary>
    public sealed class ServiceWithAFailingBot() : ServiceFixture(new CleanseBotServer(new(), services => services.AddSingleton<IBot, FailingBot>()));

    private sealed class FailingBot : IBot
    {
        public const string Problem = "The bot tripped over its own shoelaces";

        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            throw new FailingBotException(Problem);
    }

    private sealed class FailingBotException(string message) : Exception(message);
}
