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
/// What it remembers is kept in this process, in two bounded maps, not in the conversation's state: reading and saving
/// one more state property on every turn cost about a quarter of the bot's throughput (bench/load/question-log.sh),
/// while these cost a dictionary look-up. Like the conversation state, it needs a visitor's turns to reach one instance.
/// </remarks>
internal sealed class SuggestedAlternates(
    QuestionLogQueue questionLog,
    Replies replies,
    KnowledgeIndexProvider index,
    IOptions<AnsweringOptions> options)
{
    // Enough for the ratings and choices of some thousands of visitors at once; older ones only miss their suggestion.
    private const int Remembered = 10_000;

    private readonly RecentEntries<string, MissedMessage> _missed = new(Remembered);
    private readonly RecentEntries<Guid, AnsweredMessage> _answered = new(Remembered);
    private readonly RecentEntries<string, Guid> _turnsByReply = new(Remembered);

    /// <summary>Notes what was decided for <paramref name="text"/>, and records a suggestion when it answers a "did you mean" choice.</summary>
    public void Decided(ITurnContext turnContext, Guid turnId, string? text, Decision decision)
    {
        if (!questionLog.Enabled || string.IsNullOrWhiteSpace(text) || turnContext.Activity.Conversation?.Id is not { } conversation)
        {
            return;
        }

        switch (decision.Kind)
        {
            case DecisionKind.Answer when decision.Pair is { } pair:
                string? rephraseOf = null;
                if (_missed.TryTake(conversation, out var missed) && !SameWords(missed.Text, text))
                {
                    if (missed.Offered.Contains(pair.Id))
                    {
                        questionLog.RecordSuggestion(turnContext.Activity, missed.Text, pair.Id, SuggestionSource.DidYouMeanChoice);
                    }
                    else
                    {
                        rephraseOf = missed.Text;
                    }
                }

                _answered.Set(turnId, new AnsweredMessage(conversation, text, pair.Id, NextBest(decision, pair), rephraseOf));
                break;
            case DecisionKind.DidYouMean:
                _missed.Set(conversation, new MissedMessage(text, [.. decision.Choices.Select(static choice => choice.Id)]));
                break;
            case DecisionKind.NotCovered:
                _missed.Set(conversation, new MissedMessage(text, []));
                break;
        }
    }

    /// <summary>Notes the id the channel gave an answer's reply, which Teams' feedback names.</summary>
    public void Replied(Guid turnId, string? replyId)
    {
        if (replyId is not null && _answered.TryGet(turnId, out _))
        {
            _turnsByReply.Set(replyId, turnId);
        }
    }

    /// <summary>
    /// A rating of an answer this instance gave: "helpful" after a rephrase records a suggestion; "not helpful" offers
    /// the next-best answers, and choosing one of them then suggests the rated message for that pair.
    /// </summary>
    public async Task RatedAsync(ITurnContext turnContext, Guid? turnId, string? replyId, bool helpful, CancellationToken cancellationToken)
    {
        var rated = turnId ?? (replyId is not null && _turnsByReply.TryGet(replyId, out var byReply) ? byReply : null);
        if (rated is not { } ratedTurn || !_answered.TryTake(ratedTurn, out var answered))
        {
            return;
        }

        if (helpful)
        {
            if (answered.RephraseOf is { } rephrased)
            {
                questionLog.RecordSuggestion(turnContext.Activity, rephrased, answered.PairId, SuggestionSource.HelpfulAfterRephrase);
            }

            return;
        }

        var knowledge = index.Current?.Knowledge;
        var choices = answered.NextBest.Select(id => knowledge?.Find(id)).OfType<QnaPair>().ToList();
        if (choices.Count == 0)
        {
            return;
        }

        _missed.Set(answered.Conversation, new MissedMessage(answered.Text, [.. choices.Select(static choice => choice.Id)]));
        var offer = replies.Render(new Decision(DecisionKind.DidYouMean) { Choices = choices }, Channels.ChannelCapabilities.ShowsSuggestedActions(turnContext.Activity));
        await turnContext.SendActivityAsync(offer, cancellationToken).ConfigureAwait(false);
    }

    private int[] NextBest(Decision decision, QnaPair answered) =>
        // By rank alone, with no threshold: the visitor has said the best was wrong, so the runners-up are the question.
        decision.Search is not { } search
            ? []
            : [.. search.Candidates
                .Where(candidate => candidate.Pair.Id != answered.Id)
                .Select(static candidate => candidate.Pair.Id)
                .Distinct()
                .Take(options.Value.MaxSuggestions)];

    // "What is a toner?" and "what is a toner" are the same message sent twice, not a rephrasing.
    private static bool SameWords(string a, string b) =>
        string.Equals(Normalised(a), Normalised(b), StringComparison.Ordinal);

    private static string Normalised(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split([' ', '?', '!', '.', ','], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A message the bot did not answer well, and the pairs a "did you mean" offered for it.</summary>
    private sealed record MissedMessage(string Text, int[] Offered);

    /// <summary>An answer that may yet be rated: what was asked, the pair, the runners-up, and the missed message it rephrased.</summary>
    private sealed record AnsweredMessage(string Conversation, string Text, int PairId, int[] NextBest, string? RephraseOf);
}
