using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace CleanseBot.EchoBot;

/// <summary>Answers every message with its own text: all the work is the SDK's, none is the bot's.</summary>
public sealed class EchoActivityHandler : ActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(MessageFactory.Text(turnContext.Activity.Text), cancellationToken);
}
