using CleanseBot.Answering;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Dialogs;

/// <summary>
/// Answers written for a yes-or-no question open with "Yes."; the opener is said only when the visitor asked such a
/// question, so that the reply reads as an answer to what was asked.
/// </summary>
public sealed class YesNoOpenerTests
{
    [Theory]
    [InlineData("does cleaning pores stop breakouts", 202)]
    [InlineData("tell me about big pores and cleansing", 804)]
    [InlineData("how does pore cleansing help with acne breakouts", 202)]
    public async Task Opens_with_yes_only_when_the_visitor_asked_a_yes_or_no_question(string message, int pairId)
    {
        var pair = RealBot.Pair(pairId);
        var asksYesOrNo = message.StartsWith("does ", StringComparison.Ordinal);

        var reply = await DialogConversation.FirstMessageAsync(message);

        Assert.Equal(pairId, reply.Decision.Pair?.Id);
        Assert.StartsWith(asksYesOrNo ? pair.Answer : pair.Body, reply.Text, StringComparison.Ordinal);
        Assert.Equal(asksYesOrNo, reply.Text.StartsWith("Yes", StringComparison.Ordinal));
    }

    [Fact]
    public void Keeps_the_answer_whole_but_for_its_opener()
    {
        var pair = RealBot.Pair(804);

        Assert.StartsWith("Yes, regular", pair.Answer, StringComparison.Ordinal);
        Assert.Equal("Regular" + pair.Answer["Yes, regular".Length..], pair.Body);
        Assert.Equal(RealBot.Pair(101).Answer, RealBot.Pair(101).Body);
    }

    [Fact]
    public async Task Never_says_yes_after_a_referral()
    {
        var reply = await DialogConversation.FirstMessageAsync("I'm pregnant, will cleaning my pores stop my breakouts?");

        Assert.Equal(DecisionKind.RedFlag, reply.Decision.Kind);
        Assert.DoesNotContain("says: Yes", reply.Text, StringComparison.Ordinal);
    }
}
