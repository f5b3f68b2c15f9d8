using CleanseBot.Hosting;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Model;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CleanseBot.Dialogs;

/// <summary>
/// Every text the bot sends, in one place. Texts are plain sentences with light Markdown (italics) that the
/// Emulator, Web Chat and Teams all render. A new activity is built per reply because the SDK stamps ids onto it.
/// </summary>
internal sealed class Replies(IOptions<AnsweringOptions> options)
{
    private const string Capabilities =
        "I answer questions about deep pore cleansing from our guide: what it is and its benefits, how pores work, " +
        "choosing cleansers, toners and serums, professional facials and dermatological procedures, " +
        "and how to prepare for a facial.";

    private readonly AnsweringOptions _options = options.Value;

    public Activity Answer(QnaPair pair, KnowledgeBase knowledge)
    {
        var text = $"{pair.Answer}\n\n_From the guide: {DisplaySection(pair.Section)}_\n\n{_options.SafetyNudge}";
        var followUps = new List<CardAction>();
        foreach (var prompt in pair.Prompts)
        {
            if (followUps.Count == _options.MaxSuggestions)
            {
                break;
            }

            // The button sends the target's own question, which finds that pair again when the message comes back.
            if (knowledge.Find(prompt.TargetId) is { } target)
            {
                followUps.Add(Suggestion(prompt.DisplayText, target.Question));
            }
        }

        return WithSuggestions(text, followUps);
    }

    public Activity NotCovered() => WithExamples(
        "Sorry, I couldn't find that in the deep pore cleansing guide I answer from, so I'd rather not guess. " +
        $"{Capabilities} For example, you could ask one of these.\n\n{_options.SafetyNudge}");

    public Activity Welcome() => WithExamples(
        $"Hi, I'm CleanseBot! {Capabilities} Ask me a question in your own words, or type \"help\" at any time.\n\n" +
        "I share general information, not medical advice: a dermatologist is the right person for your own skin.");

    public Activity Help() => WithExamples(
        $"{Capabilities} Just type a question in your own words, such as one of these. " +
        "If the guide doesn't cover something, I'll say so rather than guess.\n\n" +
        "I share general information, not medical advice: a dermatologist is the right person for your own skin.");

    public Activity Thanks() => WithExamples("You're welcome! Anything else you'd like to know about deep pore cleansing?");

    public Activity EmptyMessage() => WithExamples(
        "I can only read typed questions, and that message had no text. Try asking something like one of these.");

    public Activity TooLong(int length) => WithSuggestions(
        $"That message is {length:N0} characters long; I can read up to {_options.MaxMessageLength:N0}. " +
        "Could you ask your question in a sentence or two?",
        []);

    private Activity WithExamples(string text)
    {
        var examples = new List<CardAction>(_options.ExampleQuestions.Count);
        foreach (var question in _options.ExampleQuestions)
        {
            examples.Add(Suggestion(question, question));
        }

        return WithSuggestions(text, examples);
    }

    private static Activity WithSuggestions(string text, List<CardAction> actions)
    {
        var reply = MessageFactory.Text(text);
        reply.TextFormat = TextFormatTypes.Markdown;
        if (actions.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions { Actions = actions };
        }

        return reply;
    }

    private static CardAction Suggestion(string title, string text) =>
        new() { Type = ActionTypes.ImBack, Title = title, Value = text };

    // "Choosing the Right Products > Toners" reads as a quote marker in Markdown at a line start; a chevron never does.
    private static string DisplaySection(string section) => section.Replace(" > ", " › ", StringComparison.Ordinal);
}
