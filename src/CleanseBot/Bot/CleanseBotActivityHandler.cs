using CleanseBot.Channels;
using CleanseBot.Dialogs;
using CleanseBot.Hosting;
using Microsoft.Bot.Builder;
using BotChannels = Microsoft.Bot.Connector.Channels;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CleanseBot.Bot;

/// <summary>
/// The thin bot: loads the conversation's memory, hands each message to the dialog layer, sends the reply
/// (and, in the Emulator, a trace of the decision), welcomes people who join, and saves the memory.
/// Other activity types are left alone.
/// </summary>
internal sealed class CleanseBotActivityHandler(
    AnswerDialog dialog,
    Replies replies,
    ConversationState conversationState,
    IOptions<AnsweringOptions> options) : ActivityHandler
{
    private readonly IStatePropertyAccessor<ConversationMemory> _memory = conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var memory = await _memory.GetAsync(turnContext, static () => new ConversationMemory(), cancellationToken).ConfigureAwait(false);
        var decision = await dialog.DecideAsync(activity.Text, memory, cancellationToken).ConfigureAwait(false);
        var reply = replies.Render(decision, ChannelCapabilities.ShowsSuggestedActions(activity));
        await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);

        // Only the Emulator shows traces; building one for other channels would be wasted work.
        if (activity.ChannelId == BotChannels.Emulator && decision.Search is not null)
        {
            await turnContext.SendActivityAsync(DecisionTrace.Create(decision, options.Value), cancellationToken).ConfigureAwait(false);
        }
    }

    // The SDK calls this only when someone other than the bot joined; one welcome however many joined together.
    protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(replies.Welcome(ChannelCapabilities.ShowsSuggestedActions(turnContext.Activity)), cancellationToken);
}
