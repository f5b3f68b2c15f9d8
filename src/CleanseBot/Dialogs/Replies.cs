using CleanseBot.Answering;
using CleanseBot.Hosting;
using CleanseBot.Knowledge.Model;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CleanseBot.Dialogs;

/// <summary>
/// Every text the bot sends, in one place, phrased from a <see cref="Decision"/>. Texts are plain sentences with
/// light Markdown (italics) that the Emulator, Web Chat and Teams all render. No user text is ever echoed back.
/// A new activity is built per reply because the SDK stamps ids onto it.
/// </summary>
internal sealed class Replies(IOptions<AnsweringOptions> options)
{
    /// <summary>The last option of a "did you mean"; sent back as a message, it means none of the options fit.</summary>
    public const string NoneOfTheseText = AnswerDialog.NoneOfTheseText;

    private const string Capabilities =
        "I answer questions about deep pore cleansing from our guide: what it is and its benefits, how pores work, " +
        "choosing cleansers, toners and serums, professional facials and dermatological procedures, " +
        "and how to prepare for a facial.";

    private const string NotMedicalAdvice =
        "I share general information, not medical advice: a dermatologist is the right person for your own skin.";

    private readonly AnsweringOptions _options = options.Value;

    /// <param name="showsSuggestedActions">False where the channel hides suggested actions: options then come as hero-card buttons.</param>
    public Activity Render(Decision decision, bool showsSuggestedActions)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var (text, buttons) = decision.Kind switch
        {
            DecisionKind.Answer => (AnswerText(decision.Pair!, decision.AskedYesOrNo), Questions(decision.Related)),
            DecisionKind.RedFlag => (RedFlagText(decision.RedFlag!, decision.Pair), []),
            DecisionKind.DidYouMean => (
                "I'm not sure I understood. Did you mean one of these?",
                [.. Questions(decision.Choices), Button(NoneOfTheseText, NoneOfTheseText)]),
            DecisionKind.NotCovered => (
                "Sorry, I couldn't find that in the deep pore cleansing guide I answer from, so I'd rather not guess. " +
                $"{Capabilities} For example, you could ask one of these.\n\n{_options.SafetyNudge}",
                Examples()),
            DecisionKind.Business => (
                $"I'm a guide to deep pore cleansing, so I can't help with that here. {_options.ContactText} " +
                $"{Capabilities} For example:",
                Examples()),
            DecisionKind.NothingMore => (
                "That's everything the guide says on this topic. You could ask about something else, such as one of these.",
                Examples()),
            DecisionKind.NoneOfThese => (
                "Thanks for telling me. The guide may not cover that; you could try other words, or ask one of these.",
                Examples()),
            DecisionKind.Greeting => (
                $"Hi, I'm CleanseBot! {Capabilities} Ask me a question in your own words, or type \"help\" at any time.\n\n{NotMedicalAdvice}",
                Examples()),
            DecisionKind.Help => (
                $"{Capabilities} Just type a question in your own words, such as one of these. " +
                $"If the guide doesn't cover something, I'll say so rather than guess.\n\n{NotMedicalAdvice}",
                Examples()),
            DecisionKind.Thanks => ("You're welcome! Anything else you'd like to know about deep pore cleansing?", Examples()),
            DecisionKind.Empty => ("I can only read typed questions, and that message had no text. Try asking something like one of these.", Examples()),
            DecisionKind.TooLong => (
                $"That message is {decision.MessageLength:N0} characters long; I can read up to {_options.MaxMessageLength:N0}. " +
                "Could you ask your question in a sentence or two?",
                new List<CardAction>()),
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.Kind, "No reply is written for this decision."),
        };

        return Compose(text, buttons, showsSuggestedActions);
    }

    /// <summary>The welcome for people joining a conversation.</summary>
    public Activity Welcome(bool showsSuggestedActions) => Render(new Decision(DecisionKind.Greeting), showsSuggestedActions);

    private string AnswerText(QnaPair pair, bool askedYesOrNo) =>
        $"{(askedYesOrNo ? pair.Answer : pair.Body)}\n\n_From the guide: {DisplaySection(pair.Section)}_\n\n{_options.SafetyNudge}";

    // After a referral the guide's text is background, not a reply to the question: never "Yes."
    private string RedFlagText(RedFlag flag, QnaPair? pair) => pair is null
        ? $"{flag.Advice}\n\n{_options.SafetyNudge}"
        : $"{flag.Advice}\n\nFor general information only, here is what the guide says: {pair.Body}\n\n" +
          $"_From the guide: {DisplaySection(pair.Section)}_\n\n{_options.SafetyNudge}";

    private List<CardAction> Examples()
    {
        var examples = new List<CardAction>(_options.ExampleQuestions.Count);
        foreach (var question in _options.ExampleQuestions)
        {
            examples.Add(Button(question, question));
        }

        return examples;
    }

    // The button sends the pair's own main question, which finds that pair again when it comes back as a message.
    private static List<CardAction> Questions(IReadOnlyList<QnaPair> pairs)
    {
        var buttons = new List<CardAction>(pairs.Count);
        foreach (var pair in pairs)
        {
            buttons.Add(Button(pair.Question, pair.Question));
        }

        return buttons;
    }

    private static Activity Compose(string text, List<CardAction> buttons, bool showsSuggestedActions)
    {
        var reply = MessageFactory.Text(text);
        reply.TextFormat = TextFormatTypes.Markdown;
        if (buttons.Count == 0)
        {
            return reply;
        }

        if (showsSuggestedActions)
        {
            reply.SuggestedActions = new SuggestedActions { Actions = buttons };
        }
        else
        {
            reply.Attachments = [new HeroCard { Buttons = buttons }.ToAttachment()];
        }

        return reply;
    }

    private static CardAction Button(string title, string text) =>
        new() { Type = ActionTypes.ImBack, Title = title, Value = text };

    // "Choosing the Right Products > Toners" would read as a quote marker in Markdown at a line start; a chevron never does.
    private static string DisplaySection(string section) => section.Replace(" > ", " › ", StringComparison.Ordinal);
}
