using CleanseBot.Answering;
using CleanseBot.Dialogs;
using Microsoft.Bot.Schema;

namespace CleanseBot.Tests.Support;

/// <summary>
/// One conversation with the real dialog, as the activity handler holds it: each message is decided with the
/// conversation's memory and rendered for a channel that shows suggested actions.
/// </summary>
/// <param name="options">Settings other than the bot's own, to show what one of them does.</param>
internal sealed class DialogConversation(AnsweringOptions? options = null)
{
    private readonly AnswerDialog _dialog = RealBot.Dialog(options);
    private readonly Replies _replies = RealBot.Replies();
    private readonly ConversationMemory _memory = new();

    /// <summary>Sends one message in a new conversation.</summary>
    public static Task<Reply> FirstMessageAsync(string? text) => new DialogConversation().SendAsync(text);

    public async Task<Reply> SendAsync(string? text)
    {
        var decision = await _dialog.DecideAsync(text, _memory, CancellationToken.None);
        return new Reply(decision, _replies.Render(decision, showsSuggestedActions: true));
    }
}

/// <summary>What the dialog decided, and what the user sees.</summary>
internal sealed record Reply(Decision Decision, Activity Activity)
{
    public string Text => Expect.Text(Activity);
}
