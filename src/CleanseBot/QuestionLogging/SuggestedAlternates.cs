using CleanseBot.Answering;
using CleanseBot.Dialogs;
using CleanseBot.Hosting;
using CleanseBot.Knowledge.Model;
using CleanseBot.QuestionLog;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace CleanseBot.QuestionLogging;

/// <summary>
/// Active learning from visitors' own choices. Two events mean a visitor found their answer in words the knowledge
/// lacks, and each records a suggested alternate question (this message should find this pair) for content owners to
/// review: choosing an option of a "did you mean", and rating "helpful" an answer to a rephrasing of a message the bot
/// had missed. It also answers "not helpful" by offering the next-best answers as a "did you mean".
/// </summary>
/// <remarks>
/// What it remembers is one note per conversation, in this process (<see cref="ConversationNotes{TNote}"/>), not in the
/// conversation's state, which reads and saves every property on every turn: with it there, the bot with the log on
/// made 0.721 of the throughput with it off; with notes, 0.770-0.778 (bench/load/question-log.sh, one run each). Like
/// the conversation state, it needs a visitor's turns to reach one instance.
/// </remarks>
internal sealed class SuggestedAlternates
{
    private readonly QuestionLogQueue _questionLog;
    private readonly Replies _replies;
    private readonly KnowledgeIndexProvider _index;
    private readonly IOptions<AnsweringOptions> _options;
    private readonly ConversationNotes<Note> _notes;

    public SuggestedAlternates(
        QuestionLogQueue questionLog,
        Replies replies,
        KnowledgeIndexProvider index,
        IOptions<AnsweringOptions> options,
        IOptions<ConversationStateOptions> conversations,
        TimeProvider time)
    {
        _questionLog = questionLog;
        _replies = replies;
        _index = index;
        _options = options;

        // As many conversations, for as long, as the conversation state remembers.
        _notes = new(conversations.Value.MaxConversations, conversations.Value.IdleTimeout, time);
    }

    /// <summary>Notes what was decided for <paramref name="text"/>, and records a suggestion when it answers a "did you mean" choice.</summary>
    public void Decided(ITurnContext turnContext, Guid turnId, string? text, Decision decision)
    {
        if (!_questionLog.Enabled || string.IsNullOrWhiteSpace(text) || turnContext.Activity.Conversation?.Id is not { } conversation)
        {
            return;
        }

        switch (decision.Kind)
        {
            case DecisionKind.Answer when decision.Pair is { } pair:
                string? rephraseOf = null;
                if (_notes.TryGet(conversation, out var note) && note.Missed is { } missed && !SameWords(missed, text))
                {
                    if (note.Offered.Contains(pair.Id))
                    {
                        _questionLog.RecordSuggestion(turnContext.Activity, missed, pair.Id, SuggestionSource.DidYouMeanChoice);
                    }
                    else
                    {
                        rephraseOf = missed;
                    }
                }

                _notes.Set(conversation, new Note(null, [], new Answered(turnId, null, text, pair.Id, NextBest(decision, pair), rephraseOf)));
                break;
            case DecisionKind.DidYouMean:
                _notes.Set(conversation, new Note(text, [.. decision.Choices.Select(static choice => choice.Id)], null));
                break;
            case DecisionKind.NotCovered:
                _notes.Set(conversation, new Note(text, [], null));
                break;
        }
    }

    /// <summary>Notes the id the channel gave an answer's reply, which Teams' feedback names.</summary>
    public void Replied(ITurnContext turnContext, Guid turnId, string? replyId)
    {
        // An expectReplies turn (the built-in Direct Line endpoint) gets "" back for its reply: no id a rating can name.
        if (!string.IsNullOrEmpty(replyId) && turnContext.Activity.Conversation?.Id is { } conversation
            && _notes.TryGet(conversation, out var note) && note.Answered is { } answered && answered.TurnId == turnId)
        {
            _notes.Set(conversation, note with { Answered = answered with { ReplyId = replyId } });
        }
    }

    /// <summary>
    /// A rating of the conversation's last answer: "helpful" after a rephrase records a suggestion; "not helpful"
    /// offers the next-best answers, and choosing one of them then suggests the rated message for that pair.
    /// </summary>
    public async Task RatedAsync(ITurnContext turnContext, Guid? turnId, string? replyId, bool helpful, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.Id is not { } conversation
            || !_notes.TryGet(conversation, out var note)
            || note.Answered is not { } answered
            || !((turnId is not null && turnId == answered.TurnId) || (replyId is not null && replyId == answered.ReplyId)))
        {
            return;
        }

        if (helpful)
        {
            if (answered.RephraseOf is { } rephrased)
            {
                _questionLog.RecordSuggestion(turnContext.Activity, rephrased, answered.PairId, SuggestionSource.HelpfulAfterRephrase);
                _notes.Set(conversation, note with { Answered = answered with { RephraseOf = null } });
            }

            return;
        }

        var knowledge = _index.Current?.Knowledge;
        var choices = answered.NextBest.Select(id => knowledge?.Find(id)).OfType<QnaPair>().ToList();
        if (choices.Count == 0)
        {
            return;
        }

        // The rated answer's message becomes the missed one: choosing an option now suggests it for that pair.
        _notes.Set(conversation, new Note(answered.Text, [.. choices.Select(static choice => choice.Id)], null));
        var offer = _replies.Render(new Decision(DecisionKind.DidYouMean) { Choices = choices }, Channels.ChannelCapabilities.ShowsSuggestedActions(turnContext.Activity));
        await turnContext.SendActivityAsync(offer, cancellationToken).ConfigureAwait(false);
    }

    // By rank alone, with no threshold: the visitor has said the best was wrong, so the runners-up are the question.
    private int[] NextBest(Decision decision, QnaPair answered)
    {
        if (decision.Search is not { } search)
        {
            return [];
        }

        var most = _options.Value.MaxSuggestions;
        var ids = new List<int>(most);
        foreach (var candidate in search.Candidates)
        {
            var id = candidate.Pair.Id;
            if (ids.Count == most)
            {
                break;
            }

            if (id != answered.Id && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }

    // "What is a toner?" and "what is a toner" are the same message sent twice, not a rephrasing.
    private static bool SameWords(string a, string b) =>
        string.Equals(Normalised(a), Normalised(b), StringComparison.Ordinal);

    private static string Normalised(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split([' ', '?', '!', '.', ','], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A conversation's note: the message the bot last missed and the pairs offered for it, or its last answer.</summary>
    private sealed record Note(string? Missed, int[] Offered, Answered? Answered);

    /// <summary>An answer that may yet be rated: its turn and reply, what was asked, the pair, the runners-up, and the missed message it rephrased.</summary>
    private sealed record Answered(Guid TurnId, string? ReplyId, string Text, int PairId, int[] NextBest, string? RephraseOf);
}
