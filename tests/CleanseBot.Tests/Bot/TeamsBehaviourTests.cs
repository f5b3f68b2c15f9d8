using CleanseBot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Tests.Bot;

/// <summary>How the bot behaves in Microsoft Teams: mentions, installation and people joining a team.</summary>
public sealed class TeamsBehaviourTests
{
    private const string BotId = "28:cleansebot";

    private readonly IBot _bot = RealBot.ActivityHandler();
    private readonly TestAdapter _adapter;

    public TeamsBehaviourTests()
    {
        var reference = TestAdapter.CreateConversation("teams-" + Guid.NewGuid().ToString("N"));
        reference.ChannelId = BotChannels.Msteams;
        reference.Bot = new ChannelAccount(BotId, "CleanseBot");
        reference.Conversation.ConversationType = "channel";
        _adapter = new TestAdapter(reference);
    }

    [Fact]
    public async Task Answers_a_question_that_starts_with_an_at_mention_of_the_bot()
    {
        var message = MessageFactory.Text("<at>CleanseBot</at> how often should I deep cleanse at home?");
        message.Entities = [Mention(BotId, "<at>CleanseBot</at>")];

        var replies = await TurnAsync(message);

        Expect.AnswerOf(801, Assert.Single(replies));
    }

    [Fact]
    public void Reads_the_question_without_the_bots_own_mention_but_keeps_other_mentions()
    {
        var message = MessageFactory.Text("<at>CleanseBot</at> can <at>Sam</at> use a toner?");
        message.Entities = [Mention(BotId, "<at>CleanseBot</at>"), Mention("29:sam", "<at>Sam</at>")];

        Assert.Equal("can <at>Sam</at> use a toner?", CleanseBot.Bot.Mentions.Remove(message, BotId));
    }

    [Fact]
    public void Ignores_a_mention_entity_of_the_wrong_shape()
    {
        var message = MessageFactory.Text("how often should I deep cleanse?");
        message.Entities = [new Entity("mention")];

        Assert.Equal("how often should I deep cleanse?", CleanseBot.Bot.Mentions.Remove(message, BotId));
    }

    [Fact]
    public async Task A_mention_alone_gets_the_help_reply_not_an_error()
    {
        var message = MessageFactory.Text("<at>CleanseBot</at> ");
        message.Entities = [Mention(BotId, "<at>CleanseBot</at>")];

        var reply = Assert.Single(await TurnAsync(message));

        Assert.DoesNotContain("went wrong", Expect.Text(reply), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Introduces_itself_once_when_installed()
    {
        var replies = await TurnAsync(MembersAdded(new ChannelAccount(BotId, "CleanseBot")));

        Assert.StartsWith("Hi, I'm CleanseBot!", Expect.Text(Assert.Single(replies)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_greet_people_who_join_a_team()
    {
        var replies = await TurnAsync(MembersAdded(new ChannelAccount("29:new-colleague", "New Colleague"), new ChannelAccount("29:another", "Another")));

        Assert.Empty(replies);
    }

    [Fact]
    public async Task Offers_follow_ups_as_card_buttons_in_a_team_channel_where_suggested_actions_are_hidden()
    {
        var reply = (IMessageActivity)Assert.Single(await TurnAsync(MessageFactory.Text("Why choose an alcohol-free toner?")));

        Assert.Null(reply.SuggestedActions);
        var card = Assert.Single(reply.Attachments);
        Assert.Equal(HeroCard.ContentType, card.ContentType);
    }

    private static Entity Mention(string id, string text)
    {
        var mention = new Mention { Mentioned = new ChannelAccount(id, "CleanseBot"), Text = text };
        var entity = new Entity("mention");
        entity.SetAs(mention);
        return entity;
    }

    private static Activity MembersAdded(params ChannelAccount[] members) => new(ActivityTypes.ConversationUpdate)
    {
        MembersAdded = members,
        ChannelData = JObject.FromObject(new TeamsChannelData { EventType = "teamMemberAdded", Team = new TeamInfo("19:team") }),
    };

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
