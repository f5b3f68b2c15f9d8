using CleanseBot.Answering;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Dialogs;

/// <summary>
/// What the guide is not for (knowledge/out-of-scope.txt): a price, a booking, opening hours, an order, a person to
/// talk to get a reply that says so and where to go; a dose or strength gets the honest "not covered". Only the part
/// of a message that asks counts, and no question the guide answers is caught.
/// </summary>
public sealed class OutOfScopeTests
{
    [Theory]
    [InlineData("what would a deep cleansing facial set me back")]
    [InlineData("how much is a facial with extractions")]
    [InlineData("can I come in Thursday for a facial")]
    [InlineData("are you open on sundays")]
    [InlineData("my order never arrived, can I get a refund")]
    [InlineData("is there a salon near me that does extractions")]
    [InlineData("can I talk to a real person please")]
    [InlineData("do you sell the salicylic cleanser")]
    public async Task Says_what_it_is_for_and_where_business_questions_go(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.Business, reply.Decision.Kind);
        Assert.Contains(RealBot.Options.ContactText, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("_From the guide:", reply.Text, StringComparison.Ordinal);
        Assert.NotEmpty(reply.Activity.SuggestedActions.Actions);
    }

    [Theory]
    [InlineData("what strength of retinol should I start on")]
    [InlineData("what percentage of salicylic acid is best for blackheads")]
    public async Task Says_the_guide_does_not_cover_doses_and_strengths(string message)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.NotCovered, reply.Decision.Kind);
        Expect.NotCovered(reply.Activity);
    }

    [Theory]
    [InlineData("Facials near me are about 70 dollars each. Is it really necessary to go to a professional or can I do it at home?", 803)]
    [InlineData("I have a facial booked for friday, what should I do to my skin before it", 707)]
    [InlineData("what dose toner do for your skin", 406)]
    [InlineData("how often should I book a professional facial", 506)]
    public async Task Answers_a_question_whose_business_words_only_set_the_scene(string message, int pairId)
    {
        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(DecisionKind.Answer, reply.Decision.Kind);
        Assert.Equal(pairId, reply.Decision.Pair!.Id);
    }

    [Fact]
    public async Task Takes_no_question_of_the_knowledge_for_one_it_cannot_answer()
    {
        var caught = new List<string>();
        foreach (var (pair, question) in RealBot.Questions())
        {
            var reply = await DialogConversation.FirstMessageAsync(question);
            if (reply.Decision.OutOfScope is { } match)
            {
                caught.Add($"{pair.Id} \"{question}\": {match.Rule} ({string.Join("; ", match.Concepts)})");
            }
        }

        Assert.True(caught.Count == 0, string.Join("\n", caught));
    }
}
