using CleanseBot.Knowledge.Model;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Support;

/// <summary>What a user would see in a reply, checked in one place.</summary>
internal static class Expect
{
    /// <summary>The pair's answer (with its "Yes." only for a yes-or-no question), then the guide section it comes from, then the dermatologist nudge.</summary>
    public static void AnswerOf(int pairId, IActivity reply)
    {
        var pair = RealBot.Pair(pairId);
        var text = Text(reply);
        Assert.True(
            text.StartsWith(pair.Answer, StringComparison.Ordinal) || text.StartsWith(pair.Body, StringComparison.Ordinal),
            $"Expected the answer of pair {pairId} ({pair.Question}) but the reply was:\n{text}\n" +
            $"with the buttons: {string.Join(" | ", SuggestedActions(reply).Select(action => action.Title))}");
        Assert.Contains($"\n\n{SectionLine(pair)}\n\n", text, StringComparison.Ordinal);
        Assert.EndsWith(RealBot.Options.SafetyNudge, text, StringComparison.Ordinal);
    }

    /// <summary>The line that names the answer's place in the guide: the section path with chevrons, never a line-start "&gt;" that Markdown would quote.</summary>
    public static string SectionLine(QnaPair pair) => $"_From the guide: {string.Join(" › ", pair.Section.Split(" > "))}_";

    /// <summary>The honest "not covered" reply: no guessed answer, the nudge, and the example questions to try instead.</summary>
    public static void NotCovered(IActivity reply)
    {
        var text = Text(reply);
        Assert.StartsWith("Sorry, I couldn't find that in the deep pore cleansing guide", text, StringComparison.Ordinal);
        Assert.DoesNotContain("_From the guide:", text, StringComparison.Ordinal);
        Assert.EndsWith(RealBot.Options.SafetyNudge, text, StringComparison.Ordinal);
        ExampleQuestionsOffered(reply);
    }

    /// <summary>Each example question from appsettings.json is a button that sends that question.</summary>
    public static void ExampleQuestionsOffered(IActivity reply)
    {
        var actions = SuggestedActions(reply);
        Assert.Equal(RealBot.Options.ExampleQuestions, actions.Select(action => action.Title));
        Assert.All(actions, action =>
        {
            Assert.Equal(ActionTypes.ImBack, action.Type);
            Assert.Equal(action.Title, action.Value);
        });
    }

    public static IList<CardAction> SuggestedActions(IActivity reply) =>
        ((IMessageActivity)reply).SuggestedActions?.Actions ?? [];

    public static string Text(IActivity reply)
    {
        Assert.Equal(ActivityTypes.Message, reply.Type);
        var text = ((IMessageActivity)reply).Text;
        Assert.False(string.IsNullOrWhiteSpace(text), "The reply has no text.");
        return text;
    }
}
