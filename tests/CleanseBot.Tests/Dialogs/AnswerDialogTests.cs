using CleanseBot.Answering;
using CleanseBot.Tests.Support;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Dialogs;

/// <summary>What the bot says to a message, with the real knowledge, the real appsettings.json and the real replies.</summary>
public sealed class AnswerDialogTests
{
    public static TheoryData<int> EveryPair() => [.. RealBot.Knowledge.Pairs.Select(pair => pair.Id)];

    public static TheoryData<string> ExampleQuestions() => [.. RealBot.Options.ExampleQuestions];

    [Theory]
    [MemberData(nameof(EveryPair))]
    public async Task Replies_with_the_section_and_a_dermatologist_nudge_after_every_answer(int pairId)
    {
        var reply = await DialogConversation.FirstMessageAsync(RealBot.Pair(pairId).Question);

        Expect.AnswerOf(pairId, reply.Activity);
        Assert.Contains("dermatologist", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_guide_section_with_a_chevron_that_Markdown_does_not_turn_into_a_quote()
    {
        var reply = await DialogConversation.FirstMessageAsync("Why choose an alcohol-free toner?");

        Assert.Contains("\n\n_From the guide: Choosing the Right Products › Toners and Astringents_\n\n", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n>", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How many times a week should I deep cleanse my pores at home?", 801)]
    [InlineData("is steaming my face good for my pores?", 503)]
    [InlineData("Are toners with alcohol bad for my skin?", 407)]
    [InlineData("how does microdermabrasion work", 602)]
    [InlineData("Can lasers shrink big pores?", 604)]
    [InlineData("what do sebaceous glands do", 303)]
    [InlineData("Why should I wear sunscreen before my facial?", 712)]
    [InlineData("should I exfoliate the day before a facial", 709)]
    [InlineData("what does a vitamin C serum do", 413)]
    [InlineData("can deep cleansing stop acne breakouts?", 202)]
    [InlineData("my face stings after cleansing", 802)]
    [InlineData("what ingredients should my cleanser have", 805)]
    [InlineData("foam or gel cleanser for pores?", 405)]
    [InlineData("What's a non-comedogenic cleanser?", 403)]
    [InlineData("Can a dermatologist prescribe something for my pores?", 606)]
    [InlineData("does deep pore cleansing help with hormonal acne", 808)]
    public async Task Answers_a_question_in_the_users_own_words_from_the_right_part_of_the_guide(string question, int pairId)
    {
        var reply = await DialogConversation.FirstMessageAsync(question);

        Expect.AnswerOf(pairId, reply.Activity);
    }

    [Theory]
    [InlineData("What is the capital of France?")]
    [InlineData("How do I treat dandruff?")]
    [InlineData("What hair dye should I use?")]
    [InlineData("Should I buy bitcoin?")]
    [InlineData("Which shampoo is best for oily hair?")]
    public async Task Says_honestly_that_the_guide_does_not_cover_a_question_and_offers_example_questions(string question)
    {
        var reply = await DialogConversation.FirstMessageAsync(question);

        Assert.Equal(DecisionKind.NotCovered, reply.Decision.Kind);
        Expect.NotCovered(reply.Activity);
    }

    [Fact]
    public async Task Refuses_a_message_whose_words_match_a_pair_that_does_not_answer_what_it_asks()
    {
        // The mask pair matches "clay mask good" well in words; the answerability model sees that it says nothing of paws.
        var reply = await DialogConversation.FirstMessageAsync("is a clay mask good for my dog's paws");

        Assert.Equal(DecisionKind.NotCovered, reply.Decision.Kind);
        Assert.True(reply.Decision.Search!.Best!.Confidence >= RealBot.Options.ConfidenceThreshold);
        Assert.True(reply.Decision.Search.Answerability!.Probability < RealBot.Options.AnswerabilityThreshold);
        Expect.NotCovered(reply.Activity);
    }

    [Theory]
    [MemberData(nameof(ExampleQuestions))]
    public async Task Answers_every_example_question_it_suggests(string exampleQuestion)
    {
        var reply = await DialogConversation.FirstMessageAsync(exampleQuestion);

        Assert.Equal(DecisionKind.Answer, reply.Decision.Kind);
        Expect.AnswerOf(reply.Decision.Pair!.Id, reply.Activity);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("Help!")]
    [InlineData("what can you do")]
    [InlineData("What can you do?")]
    [InlineData("?")]
    [InlineData("??")]
    public async Task Explains_what_it_can_do_when_asked_for_help(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.Help, reply.Decision.Kind);
        Assert.Contains("I answer questions about deep pore cleansing", reply.Text, StringComparison.Ordinal);
        Expect.ExampleQuestionsOffered(reply.Activity);
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("Hello!")]
    [InlineData("good morning")]
    public async Task Greets_a_greeting_with_the_welcome(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.Greeting, reply.Decision.Kind);
        Assert.StartsWith("Hi, I'm CleanseBot!", reply.Text, StringComparison.Ordinal);
        Expect.ExampleQuestionsOffered(reply.Activity);
    }

    [Theory]
    [InlineData("thanks")]
    [InlineData("Thank you!")]
    public async Task Says_you_are_welcome_to_thanks(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.StartsWith("You're welcome!", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t \r\n")]
    public async Task Asks_for_a_typed_question_when_the_message_has_no_text(string? message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.Empty, reply.Decision.Kind);
        Assert.Contains("that message had no text", reply.Text, StringComparison.Ordinal);
        Expect.ExampleQuestionsOffered(reply.Activity);
    }

    [Fact]
    public async Task Asks_for_a_shorter_question_without_echoing_a_message_over_the_length_limit()
    {
        var limit = RealBot.Options.MaxMessageLength;
        var message = string.Concat(Enumerable.Repeat("How do I unclog my pores? ", limit))[..(limit + 1)];

        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.TooLong, reply.Decision.Kind);
        Assert.Contains($"{limit + 1:N0} characters", reply.Text, StringComparison.Ordinal);
        Assert.Contains($"up to {limit:N0}", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("unclog", reply.Text, StringComparison.Ordinal);
        Assert.Empty(Expect.SuggestedActions(reply.Activity));
    }

    [Fact]
    public async Task Answers_a_question_that_is_exactly_at_the_length_limit()
    {
        var message = "How often should I perform deep pore cleansing at home?".PadRight(RealBot.Options.MaxMessageLength);

        var reply = await DialogConversation.FirstMessageAsync(message);

        Expect.AnswerOf(801, reply.Activity);
    }

    [Fact]
    public async Task Treats_search_syntax_in_a_question_as_plain_words()
    {
        var reply = await DialogConversation.FirstMessageAsync("title:(acne AND \"pores\")~ * OR toner^10 [a TO z] \\");

        Assert.NotEqual(DecisionKind.TooLong, reply.Decision.Kind);
        Assert.DoesNotContain("title:", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offers_follow_up_questions_as_buttons_that_send_a_question_it_answers()
    {
        var conversation = new DialogConversation();
        var answer = await conversation.SendAsync("How often should I perform deep pore cleansing at home?");

        // 801's authored prompt, "Can it irritate skin?", comes first.
        var button = Expect.SuggestedActions(answer.Activity)[0];
        Assert.Equal(ActionTypes.ImBack, button.Type);
        Assert.Equal(RealBot.Pair(802).Question, button.Value);

        var followUp = await conversation.SendAsync((string)button.Value);

        Expect.AnswerOf(802, followUp.Activity);
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public async Task Answers_every_follow_up_button_with_the_question_it_names(int pairId)
    {
        var answer = await DialogConversation.FirstMessageAsync(RealBot.Pair(pairId).Question);
        var buttons = Expect.SuggestedActions(answer.Activity);
        Assert.InRange(buttons.Count, 1, RealBot.Options.MaxSuggestions);

        foreach (var button in buttons)
        {
            // Each button is clicked in its own copy of the conversation, right after the answer that offered it.
            var conversation = new DialogConversation();
            await conversation.SendAsync(RealBot.Pair(pairId).Question);

            var followUp = await conversation.SendAsync((string)button.Value);

            Assert.Equal(ActionTypes.ImBack, button.Type);
            var named = RealBot.Knowledge.Pairs.Single(pair => pair.Question == button.Title);
            Expect.AnswerOf(named.Id, followUp.Activity);
        }
    }
}
