using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Bot;

/// <summary>
/// Follow-ups build on the previous answer ("tell me more", "why?", "and for dry skin?") and the related questions
/// offered after an answer. Each conversation runs through the real activity handler, so what the bot remembers
/// between turns lives in its real ConversationState.
/// </summary>
public sealed class FollowUpTests
{
    private const string TonerQuestion = "Why choose an alcohol-free toner?";

    [Theory]
    [InlineData("tell me more")]
    [InlineData("Tell me more!")]
    [InlineData("go on")]
    [InlineData("more please")]
    [InlineData("what else?")]
    public async Task Answers_tell_me_more_with_another_question_from_the_same_part_of_the_guide(string askForMore)
    {
        var conversation = new ChannelConversation();
        var first = await conversation.AskForAnswerAsync(TonerQuestion);

        var more = await conversation.AskForAnswerAsync(askForMore);

        Assert.NotEqual(first.Id, more.Id);
        Assert.Equal(first.Section, more.Section);
    }

    [Fact]
    public async Task Never_repeats_an_answer_however_often_asked_for_more()
    {
        var conversation = new ChannelConversation();
        var answered = new List<int> { (await conversation.AskForAnswerAsync(TonerQuestion)).Id };

        for (var turn = 0; turn < 8; turn++)
        {
            var reply = await conversation.AskAsync("tell me more");
            if (ChannelConversation.AnsweredPair(reply) is { } pair)
            {
                Assert.DoesNotContain(pair.Id, answered);
                answered.Add(pair.Id);
            }
        }

        // The guide's part on toners has more than two other answers to give before it runs out.
        Assert.True(answered.Count >= 3, $"Only {answered.Count - 1} more answers were given.");
    }

    [Theory]
    [InlineData("why?")]
    [InlineData("Why is that?")]
    [InlineData("how come")]
    public async Task Answers_why_after_an_answer_rather_than_saying_it_is_not_covered(string why)
    {
        var conversation = new ChannelConversation();
        var first = await conversation.AskForAnswerAsync("How often should I deep cleanse at home?");

        var reply = await conversation.AskForAnswerAsync(why);

        Assert.NotEqual(first.Id, reply.Id);
    }

    [Theory]
    [InlineData(TonerQuestion, "and for dry skin?")]
    [InlineData("What do toners do?", "what about for sensitive skin?")]
    [InlineData("How do I choose a toner?", "and for dry skin?")]
    [InlineData("What do toners do?", "ok but my skin is dry and flaky, which one then")]
    [InlineData("What do toners do?", "but mine goes dry and flaky, which kind?")]
    public async Task Reads_a_follow_up_that_leans_on_the_previous_answer_within_its_topic(string question, string followUp)
    {
        var conversation = new ChannelConversation();
        var first = await conversation.AskForAnswerAsync(question);

        var next = await conversation.AskForAnswerAsync(followUp);

        Assert.NotEqual(first.Id, next.Id);
        Assert.Equal(first.Section, next.Section);
    }

    [Theory]
    [InlineData("What is microdermabrasion?", "and the one that uses acids?", 603)]
    [InlineData("What dermatological procedures are there?", "how about lasers", 604)]
    [InlineData("What is a chemical peel?", "what about extractions by a derm", 605)]
    [InlineData("what does toner do", "but mine is dry and flaky, what kind then", 409)]
    public async Task Reads_what_a_follow_up_names_among_the_answers_of_the_part_of_the_guide_the_conversation_is_in(string question, string followUp, int expectedId)
    {
        var conversation = new ChannelConversation();
        await conversation.AskForAnswerAsync(question);

        var next = await conversation.AskForAnswerAsync(followUp);

        Assert.Equal(expectedId, next.Id);
    }

    [Theory]
    [InlineData("what is the capital of France")]
    [InlineData("Should I buy bitcoin?")]
    [InlineData("How do I fix my car?")]
    [InlineData("which shampoo is best for oily hair")]
    [InlineData("And what is the capital of France?")]
    [InlineData("What about the weather today?")]
    [InlineData("Also, should I buy bitcoin?")]
    public async Task Does_not_answer_an_off_topic_message_from_the_previous_topic(string offTopic)
    {
        var conversation = new ChannelConversation();
        await conversation.AskForAnswerAsync(TonerQuestion);

        var reply = await conversation.AskAsync(offTopic);

        Expect.NotCovered(reply);
    }

    [Theory]
    [InlineData("tell me more")]
    [InlineData("why?")]
    [InlineData("go on")]
    public async Task Replies_sensibly_to_a_follow_up_that_has_nothing_to_follow(string followUp)
    {
        var conversation = new ChannelConversation();

        var reply = await conversation.AskAsync(followUp);

        Assert.Null(ChannelConversation.AnsweredPair(reply));
        Expect.ExampleQuestionsOffered(reply);

        // The conversation carries on normally afterwards.
        await conversation.AskForAnswerAsync(TonerQuestion);
    }

    [Theory]
    [InlineData(TonerQuestion)]
    [InlineData("is steaming good for my pores?")]
    [InlineData("How often should I deep cleanse at home?")]
    public async Task Offers_related_questions_after_an_answer_and_answers_each_when_clicked(string question)
    {
        var answer = await new ChannelConversation().AskAsync(question);
        var answered = ChannelConversation.AnswerIn(answer);
        var related = Expect.SuggestedActions(answer);

        Assert.InRange(related.Count, 1, RealBot.Options.MaxSuggestions);
        Assert.DoesNotContain(related, action => action.Title == answered.Question || (string)action.Value == question);
        foreach (var action in related)
        {
            // Each is clicked in its own copy of the conversation, right after the answer that offered it.
            var conversation = new ChannelConversation();
            await conversation.AskAsync(question);

            var clicked = await conversation.AskForAnswerAsync((string)action.Value);

            Assert.Equal(ActionTypes.ImBack, action.Type);
            Assert.Equal(action.Title, clicked.Question);
        }
    }

    [Fact]
    public async Task Does_not_offer_a_question_it_has_already_answered_in_the_conversation()
    {
        var conversation = new ChannelConversation();
        var first = await conversation.AskAsync(TonerQuestion);
        var firstPair = ChannelConversation.AnswerIn(first);
        var clicked = Expect.SuggestedActions(first)[0];

        var second = await conversation.AskAsync((string)clicked.Value);

        var offered = Expect.SuggestedActions(second).Select(action => action.Title).ToList();
        Assert.DoesNotContain(firstPair.Question, offered);
        Assert.DoesNotContain(clicked.Title, offered);
    }
}
