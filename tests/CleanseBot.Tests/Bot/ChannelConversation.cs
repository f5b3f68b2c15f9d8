using CleanseBot.Knowledge.Model;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Tests.Bot;

/// <summary>
/// One conversation with the real activity handler, through the SDK's in-memory TestAdapter, on the channel a test
/// chooses. The handler keeps its real ConversationState over MemoryStorage, so what it remembers survives between
/// turns as it does in the service. Trace activities are kept rather than dropped, so a test sees every activity sent.
/// </summary>
internal sealed class ChannelConversation
{
    private readonly TestAdapter _adapter;
    private readonly IBot _bot = RealBot.ActivityHandler();

    /// <param name="conversationType">Teams' "personal", "groupChat" or "channel"; null as most channels send it.</param>
    public ChannelConversation(string channelId = BotChannels.Test, string? conversationType = null)
    {
        var reference = TestAdapter.CreateConversation("conversation-" + Guid.NewGuid().ToString("N"));
        reference.ChannelId = channelId;
        reference.Conversation.ConversationType = conversationType;
        _adapter = new TestAdapter(reference, sendTraceActivity: true);
    }

    /// <summary>Sends a message and returns everything the bot sent back, in order, traces included.</summary>
    public async Task<List<IActivity>> SendAsync(string text)
    {
        await _adapter.ProcessActivityAsync(MessageFactory.Text(text), _bot.OnTurnAsync, CancellationToken.None);
        var sent = new List<IActivity>();
        while (_adapter.GetNextReply() is { } activity)
        {
            sent.Add(activity);
        }

        return sent;
    }

    /// <summary>Sends a message and returns the one message the user sees in reply.</summary>
    public async Task<IMessageActivity> AskAsync(string text)
    {
        var sent = await SendAsync(text);
        var message = Assert.Single(sent, activity => activity.Type == ActivityTypes.Message);
        return (IMessageActivity)message;
    }

    /// <summary>Sends a message that should be answered from the guide, and returns the pair whose answer the reply gives.</summary>
    public async Task<QnaPair> AskForAnswerAsync(string text) => AnswerIn(await AskAsync(text));

    /// <summary>The pair whose answer the reply gives, checked as <see cref="Expect.AnswerOf"/> checks it; a failed test when the reply is no answer.</summary>
    public static QnaPair AnswerIn(IMessageActivity reply)
    {
        var pair = AnsweredPair(reply);
        Assert.True(pair is not null, $"Expected an answer from the guide but the reply was:\n{reply.Text}");
        Expect.AnswerOf(pair.Id, reply);
        return pair;
    }

    /// <summary>The pair whose answer, followed by its place in the guide, opens the reply; null when the reply is no answer.</summary>
    public static QnaPair? AnsweredPair(IActivity reply)
    {
        var text = Expect.Text(reply);
        return RealBot.Knowledge.Pairs.SingleOrDefault(pair =>
            text.StartsWith($"{pair.Answer}\n\n{Expect.SectionLine(pair)}", StringComparison.Ordinal)
            || text.StartsWith($"{pair.Body}\n\n{Expect.SectionLine(pair)}", StringComparison.Ordinal));
    }
}
