using CleanseBot.Answering;
using CleanseBot.Bot;
using CleanseBot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using BotChannels = Microsoft.Bot.Connector.Channels;

namespace CleanseBot.Channels.DirectLine;

/// <summary>
/// The bot's side of the built-in Direct Line endpoint: what the user sends is stored (the echo Web Chat waits for;
/// a message over Answering:MaxMessageLength shortened),
/// then handed to the bot through the same adapter and activity handler as /api/messages, in process; what the bot
/// sends back is stored as replies to it. One turn at a time per conversation.
/// </summary>
internal sealed class DirectLineChannel(CleanseBotAdapter adapter, IBot bot, IConfiguration configuration, IOptions<AnsweringOptions> answering)
{
    /// <summary>The bot as the conversation's members see it.</summary>
    public const string BotId = "cleansebot";

    public const string BotName = "CleanseBot";

    private readonly string? _botAppId = configuration["MicrosoftAppId"];

    /// <summary>Tells the bot that the user joined a new conversation, so that it welcomes them.</summary>
    public async Task StartAsync(DirectLineConversation conversation, Uri serviceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(serviceUrl);
        var joined = new Activity(ActivityTypes.ConversationUpdate)
        {
            ChannelId = BotChannels.Directline,
            ServiceUrl = serviceUrl.ToString(),
            Conversation = new ConversationAccount(id: conversation.Id),
            From = User(conversation, name: null),
            Recipient = BotAccount(),
            MembersAdded = [BotAccount(), User(conversation, name: null)],
            Timestamp = DateTimeOffset.UtcNow,
        };

        await conversation.TurnGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RunTurnAsync(conversation, joined, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            conversation.TurnGate.Release();
        }
    }

    /// <summary>Stores the user's activity, runs the bot on it and stores its replies.</summary>
    /// <returns>The id the activity was given.</returns>
    public async Task<string> PostAsync(DirectLineConversation conversation, Activity activity, Uri serviceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(serviceUrl);

        // Whatever the client claims, the activity is from the token's user, in this conversation, on this channel;
        // the rest (text, channelData with Web Chat's clientActivityID, locale, value...) is kept as sent.
        activity.ChannelId = BotChannels.Directline;
        activity.ServiceUrl = serviceUrl.ToString();
        activity.Conversation = new ConversationAccount(id: conversation.Id);
        activity.From = User(conversation, activity.From?.Name);
        activity.Recipient = BotAccount();
        activity.ReplyToId = null;

        await conversation.TurnGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var id = await AppendShortenedAsync(conversation, activity).ConfigureAwait(false);
            await RunTurnAsync(conversation, activity, cancellationToken).ConfigureAwait(false);
            return id;
        }
        finally
        {
            conversation.TurnGate.Release();
        }
    }

    // The bot reads the whole message and, as on /api/messages, asks for a shorter one when it is over
    // Answering:MaxMessageLength; the conversation keeps only what the bot would read, which is what bounds its memory.
    private async Task<string> AppendShortenedAsync(DirectLineConversation conversation, Activity activity)
    {
        var maxLength = answering.Value.MaxMessageLength;
        if (activity.Text is not { } text || text.Length <= maxLength)
        {
            return await conversation.AppendAsync(activity).ConfigureAwait(false);
        }

        activity.Text = string.Concat(text.AsSpan(0, maxLength), "…");
        try
        {
            return await conversation.AppendAsync(activity).ConfigureAwait(false);
        }
        finally
        {
            activity.Text = text;
        }
    }

    private async Task RunTurnAsync(DirectLineConversation conversation, Activity activity, CancellationToken cancellationToken)
    {
        var replies = await adapter.ProcessDirectLineActivityAsync(activity, _botAppId, bot, cancellationToken).ConfigureAwait(false);
        foreach (var reply in replies)
        {
            // Traces are for the Emulator; Direct Line clients never show them.
            if (reply.Type == ActivityTypes.Trace)
            {
                continue;
            }

            reply.ChannelId = BotChannels.Directline;
            reply.Conversation = new ConversationAccount(id: conversation.Id);
            reply.From = BotAccount();
            reply.Recipient = User(conversation, name: null);
            reply.ServiceUrl = null;
            await conversation.AppendAsync(reply).ConfigureAwait(false);
        }
    }

    private static ChannelAccount BotAccount() => new(BotId, BotName, RoleTypes.Bot);

    private static ChannelAccount User(DirectLineConversation conversation, string? name) => new(conversation.UserId, name, RoleTypes.User);
}
