using CleanseBot.Answering;
using CleanseBot.Channels;
using CleanseBot.Dialogs;
using CleanseBot.Hosting;
using CleanseBot.QuestionLogging;
using CleanseBot.Telemetry;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using BotChannels = Microsoft.Bot.Connector.Channels;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace CleanseBot.Bot;

/// <summary>
/// The thin bot: loads the conversation's memory, hands each message to the dialog layer, sends the reply
/// (and, in the Emulator, a trace of the decision), counts the decision in the metrics, records it in the question log
/// and asks for a rating of each answer, records ratings, welcomes people, and saves the memory. It is a Teams handler
/// so that Teams' own conversation updates are understood; other activity types are left alone.
/// </summary>
internal sealed class CleanseBotActivityHandler(
    AnswerDialog dialog,
    Replies replies,
    ConversationState conversationState,
    CleanseBotMetrics metrics,
    QuestionLogQueue questionLog,
    SuggestedAlternates alternates,
    IOptions<AnsweringOptions> options) : TeamsActivityHandler
{
    private readonly IStatePropertyAccessor<ConversationMemory> _memory = conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);

        // Only messages are timed: welcomes and ignored activity types would blur what visitors wait for.
        if (turnContext.Activity.Type == ActivityTypes.Message)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.TurnTook(elapsed);

            // Recorded here rather than where it was decided, so the log's turn time is the one the metrics measure.
            if (turnContext.TurnState.Get<DecidedMessage>() is { } decided)
            {
                questionLog.Record(turnContext.Activity, decided.TurnId, decided.Text, decided.Decision, elapsed, decided.ReplyId);
            }
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;

        // "@CleanseBot how often should I exfoliate": in Teams channels and group chats the bot's own mention is part of the text.
        var text = activity.Recipient?.Id is { } botId ? Mentions.Remove(activity, botId) : activity.Text;
        var memory = await _memory.GetAsync(turnContext, static () => new ConversationMemory(), cancellationToken).ConfigureAwait(false);
        var decision = await dialog.DecideAsync(text, memory, cancellationToken).ConfigureAwait(false);
        metrics.Decided(decision);
        var reply = replies.Render(decision, ChannelCapabilities.ShowsSuggestedActions(activity));
        // Time-ordered (UUIDv7, 74 random bits still): the question log's unique index on turn ids then grows at its
        // end, where random ids cost a page read and a page written per turn once the log outgrows SQLite's cache
        // (4 µs a row against 42-47 µs at 200,000 rows, docs/performance.md).
        var turnId = Guid.CreateVersion7();
        if (questionLog.Enabled && decision.Kind == DecisionKind.Answer)
        {
            OfferFeedback(activity, reply, turnId);
        }

        alternates.Decided(turnContext, turnId, text, decision);
        var sent = await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        alternates.Replied(turnContext, turnId, sent?.Id);
        turnContext.TurnState.Add(new DecidedMessage(turnId, text, decision, sent?.Id));

        // Only the Emulator shows traces; building one for other channels would be wasted work.
        if (activity.ChannelId == BotChannels.Emulator)
        {
            await turnContext.SendActivityAsync(DecisionTrace.Create(decision, options.Value), cancellationToken).ConfigureAwait(false);
        }
    }

    // Teams' feedback on an answer is the one invoke the bot reads; like an unknown activity type, any other invoke
    // is acknowledged and ignored.
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        if (TeamsFeedback.TryRead(turnContext.Activity, out var replyId, out var helpful))
        {
            questionLog.RecordFeedback(turnContext.Activity, turnId: null, replyId, helpful);
            await alternates.RatedAsync(turnContext, turnId: null, replyId, helpful, cancellationToken).ConfigureAwait(false);
        }

        return new InvokeResponse { Status = StatusCodes.Status200OK };
    }

    // Web Chat's 👍 or 👎 under an answer; other events are ignored, as before.
    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        if (WebChatFeedback.TryRead(turnContext.Activity, out var turnId, out var helpful))
        {
            questionLog.RecordFeedback(turnContext.Activity, turnId, replyId: null, helpful);
            await alternates.RatedAsync(turnContext, turnId, replyId: null, helpful, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks for a rating of an answer, in the channel's own way; only where the rating can be logged.</summary>
    private static void OfferFeedback(IMessageActivity activity, IMessageActivity reply, Guid turnId)
    {
        if (WebChatFeedback.Shows(activity))
        {
            WebChatFeedback.Offer(reply, turnId);
        }
        else if (TeamsFeedback.Shows(activity))
        {
            TeamsFeedback.Offer(reply);
        }
    }

    // The SDK calls this only when someone other than the bot joined; one welcome however many joined together.
    protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        SendWelcomeAsync(turnContext, cancellationToken);

    // In Teams the bot introduces itself once, when it is installed (it is then the member added), and does not
    // greet every person who later joins a team. Overriding the dispatch also spares the SDK's per-member lookup.
    protected override Task OnTeamsMembersAddedDispatchAsync(IList<ChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var botId = turnContext.Activity.Recipient?.Id;
        foreach (var member in membersAdded)
        {
            if (member?.Id is { } id && id == botId)
            {
                return SendWelcomeAsync(turnContext, cancellationToken);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>What <see cref="OnMessageActivityAsync"/> decided and sent, kept in the turn's state for <see cref="OnTurnAsync"/> to log.</summary>
    private sealed record DecidedMessage(Guid TurnId, string? Text, Decision Decision, string? ReplyId);

    private async Task SendWelcomeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var welcome = replies.Welcome(ChannelCapabilities.ShowsSuggestedActions(turnContext.Activity));
        await turnContext.SendActivityAsync(welcome, cancellationToken).ConfigureAwait(false);
    }
}
