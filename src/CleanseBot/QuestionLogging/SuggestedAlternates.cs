using CleanseBot.Dialogs;
using CleanseBot.Hosting;
using CleanseBot.Knowledge.Model;
using CleanseBot.QuestionLog;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CleanseBot.QuestionLogging;

/// <summary>
/// Active learning from visitors' own choices. Two events mean a visitor found their answer in words the knowledge
/// lacks, and each records a suggested alternate question (this message should find this pair) for content owners to
/// review: choosing an option of a "did you mean", and rating "helpful" an answer to a rephrasing of a message the bot
/// had missed. It also answers "not helpful" by offering the next-best answers as a "did you mean".
/// </summary>
internal sealed class SuggestedAlternates(
    ConversationState conversationState,
    QuestionLogQueue questionLog,
    Replies replies,
    KnowledgeIndexProvider index,
    IOptions<AnsweringOptions> options)
{
    private readonly IStatePropertyAccessor<AlternatesMemory> _memory = conversationState.CreateProperty<AlternatesMemory>(nameof(AlternatesMemory));

    /// <summary>Notes what was decided for <paramref name="text"/>, and records a suggestion when it answers a "did you mean" choice.</summary>
    public async Task DecidedAsync(ITurnContext turnContext, Guid turnId, string? text, Decision decision, CancellationToken cancellationToken)
    {
        if (!questionLog.Enabled || string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var memory = await _memory.GetAsync(turnContext, static () => new AlternatesMemory(), cancellationToken).ConfigureAwait(false);
        switch (decision.Kind)
        {
            case DecisionKind.Answer when decision.Pair is { } pair:
                string? rephraseOf = null;
                if (memory.Missed is { } missed && !SameWords(missed, text))
                {
                    if (memory.Offered.Contains(pair.Id))
                    {
                        questionLog.RecordSuggestion(turnContext.Activity, missed, pair.Id, SuggestionSource.DidYouMeanChoice);
                    }
                    else
                    {
                        rephraseOf = missed;
                    }
                }

                memory.Missed = null;
                memory.Offered = [];
                memory.AnsweredTurnId = turnId;
                memory.AnsweredReplyId = null;
                memory.AnsweredText = text;
                memory.AnsweredPairId = pair.Id;
                memory.NextBest = NextBest(decision, pair);
                memory.RephraseOf = rephraseOf;
                break;
            case DecisionKind.DidYouMean:
                memory.Missed = text;
                memory.Offered = [.. decision.Choices.Select(static choice => choice.Id)];
                break;
            case DecisionKind.NotCovered:
                memory.Missed = text;
                memory.Offered = [];
                break;
        }
    }

    /// <summary>Notes the id the channel gave the answer's reply, which Teams' feedback names.</summary>
    public async Task RepliedAsync(ITurnContext turnContext, Guid turnId, string? replyId, CancellationToken cancellationToken)
    {
        if (!questionLog.Enabled || replyId is null)
        {
            return;
        }

        var memory = await _memory.GetAsync(turnContext, static () => new AlternatesMemory(), cancellationToken).ConfigureAwait(false);
        if (memory.AnsweredTurnId == turnId)
        {
            memory.AnsweredReplyId = replyId;
        }
    }

    /// <summary>
    /// A rating of the conversation's last answer: "helpful" after a rephrase records a suggestion; "not helpful"
    /// offers the next-best answers. A rating of an earlier answer is only logged (by the caller).
    /// </summary>
    public async Task RatedAsync(ITurnContext turnContext, Guid? turnId, string? replyId, bool helpful, CancellationToken cancellationToken)
    {
        if (!questionLog.Enabled)
        {
            return;
        }

        var memory = await _memory.GetAsync(turnContext, static () => new AlternatesMemory(), cancellationToken).ConfigureAwait(false);
        var isLastAnswer = (turnId is not null && turnId == memory.AnsweredTurnId) || (replyId is not null && replyId == memory.AnsweredReplyId);
        if (!isLastAnswer || memory.AnsweredPairId is not { } pairId)
        {
            return;
        }

        if (helpful)
        {
            if (memory.RephraseOf is { } rephrased)
            {
                questionLog.RecordSuggestion(turnContext.Activity, rephrased, pairId, SuggestionSource.HelpfulAfterRephrase);
                memory.RephraseOf = null;
            }

            return;
        }

        var choices = memory.NextBest.Select(id => index.Current?.Knowledge.Find(id)).OfType<QnaPair>().ToList();
        if (choices.Count == 0)
        {
            return;
        }

        // The rated answer's message becomes the missed one: choosing an option now suggests it for that pair.
        memory.Missed = memory.AnsweredText;
        memory.Offered = [.. choices.Select(static choice => choice.Id)];
        memory.AnsweredTurnId = null;
        memory.AnsweredReplyId = null;
        var offer = replies.Render(new Decision(DecisionKind.DidYouMean) { Choices = choices }, Channels.ChannelCapabilities.ShowsSuggestedActions(turnContext.Activity));
        await turnContext.SendActivityAsync(offer, cancellationToken).ConfigureAwait(false);
    }

    private List<int> NextBest(Decision decision, QnaPair answered)
    {
        // By rank alone, with no threshold: the visitor has said the best was wrong, so the runners-up are the question.
        return decision.Search is not { } search
            ? []
            : [.. search.Candidates
                .Where(candidate => candidate.Pair.Id != answered.Id)
                .Select(static candidate => candidate.Pair.Id)
                .Distinct()
                .Take(options.Value.MaxSuggestions)];
    }

    // "What is a toner?" and "what is a toner" are the same message sent twice, not a rephrasing.
    private static bool SameWords(string a, string b) =>
        string.Equals(Normalised(a), Normalised(b), StringComparison.Ordinal);

    private static string Normalised(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split([' ', '?', '!', '.', ','], StringSplitOptions.RemoveEmptyEntries));
}
