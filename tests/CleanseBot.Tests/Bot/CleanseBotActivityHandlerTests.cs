using CleanseBot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Bot;

/// <summary>The bot's turns, run through the Bot Framework SDK's own in-memory TestAdapter.</summary>
public sealed class CleanseBotActivityHandlerTests
{
    private readonly TestAdapter _adapter = new();
    private readonly IBot _bot = RealBot.ActivityHandler();

    [Fact]
    public async Task Welcomes_a_user_who_joins_the_conversation()
    {
        var replies = await TurnAsync(MembersAdded(_adapter.Conversation.User));

        var welcome = Assert.Single(replies);
        Assert.StartsWith("Hi, I'm CleanseBot!", Expect.Text(welcome), StringComparison.Ordinal);
        Expect.ExampleQuestionsOffered(welcome);
    }

    [Fact]
    public async Task Says_nothing_when_only_the_bot_joins()
    {
        var replies = await TurnAsync(MembersAdded(_adapter.Conversation.Bot));

        Assert.Empty(replies);
    }

    [Fact]
    public async Task Welcomes_once_when_the_user_and_the_bot_join_together()
    {
        var replies = await TurnAsync(MembersAdded(_adapter.Conversation.Bot, _adapter.Conversation.User));

        Assert.Single(replies);
    }

    [Fact]
    public async Task Welcomes_once_when_several_people_join_together()
    {
        var replies = await TurnAsync(MembersAdded(
            _adapter.Conversation.User, new ChannelAccount("user-2", "Second user"), _adapter.Conversation.Bot));

        Assert.Single(replies);
    }

    [Theory]
    [InlineData(ActivityTypes.Typing)]
    [InlineData(ActivityTypes.Event)]
    [InlineData(ActivityTypes.MessageReaction)]
    [InlineData(ActivityTypes.EndOfConversation)]
    public async Task Ignores_activities_that_are_not_messages_or_people_joining(string type)
    {
        var replies = await TurnAsync(new Activity(type) { Name = "webchat/join" });

        Assert.Empty(replies);
    }

    [Fact]
    public async Task Answers_a_message_with_a_reply_to_it()
    {
        var message = MessageFactory.Text("Is steam good for my pores?");

        var replies = await TurnAsync(message);

        var answer = Assert.Single(replies);
        Expect.AnswerOf(503, answer);
        Assert.Equal(message.Id, answer.ReplyToId);
    }

    [Fact]
    public async Task Holds_a_conversation_of_several_questions()
    {
        await new TestFlow(_adapter, _bot)
            .Send("hi")
            .AssertReply(reply => Assert.StartsWith("Hi, I'm CleanseBot!", Expect.Text(reply), StringComparison.Ordinal))
            .Send("Why choose an alcohol-free toner?")
            .AssertReply(reply => Expect.AnswerOf(407, reply))
            .Send("What is the capital of France?")
            .AssertReply(Expect.NotCovered)
            .StartTestAsync();
    }

    private static Activity MembersAdded(params ChannelAccount[] members) =>
        new(ActivityTypes.ConversationUpdate) { MembersAdded = members };

    private async Task<List<IActivity>> TurnAsync(Activity activity)
    {
        await _adapter.ProcessActivityAsync(activity, _bot.OnTurnAsync, CancellationToken.None);
        var replies = new List<IActivity>();
        while (_adapter.GetNextReply() is { } reply)
        {
            replies.Add(reply);
        }

        return replies;
    }
}
