using CleanseBot.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace CleanseBot.Bot;

/// <summary>The thin bot: hands each message to the dialog layer and welcomes people who join. Other activity types are left alone.</summary>
internal sealed class CleanseBotActivityHandler(AnswerDialog dialog, Replies replies) : ActivityHandler
{
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var reply = await dialog.ReplyToAsync(turnContext.Activity.Text, cancellationToken).ConfigureAwait(false);
        await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // The bot is announced as a member too; greet people, and only once even when several join together.
        var botId = turnContext.Activity.Recipient?.Id;
        foreach (var member in membersAdded)
        {
            if (member is not null && member.Id != botId)
            {
                await turnContext.SendActivityAsync(replies.Welcome(), cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }
}
