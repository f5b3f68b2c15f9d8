using CleanseBot.Answering;
using CleanseBot.Dialogs;
using CleanseBot.Hosting;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Search;
using CleanseBot.Reranking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanseBot.Evaluation;

/// <summary>Runs every case through the bot's own dialog and reply code, exactly as a conversation would, and scores the outcome.</summary>
internal sealed class Evaluator : IDisposable
{
    private readonly KnowledgeIndexProvider _provider = new();
    private readonly AnswerDialog _dialog;
    private readonly Replies _replies;
    private readonly AnsweringOptions _options;
    private readonly KnowledgeBase _knowledge;

    private Evaluator(KnowledgeIndex index, SemanticReranker? reranker, AnsweringOptions options, RerankerOptions rerankerOptions)
    {
        _provider.Publish(index);
        _knowledge = index.Knowledge;
        if (reranker is not null)
        {
            _provider.Publish(reranker);
        }

        _options = options;
        var wrapped = Options.Create(options);
        _dialog = new AnswerDialog(_provider, wrapped, Options.Create(rerankerOptions), NullLogger<AnswerDialog>.Instance);
        _replies = new Replies(wrapped);
    }

    /// <summary>Builds what the bot builds at start-up; unlike the bot, it waits for the re-ranker when that is enabled.</summary>
    public static async Task<Evaluator> CreateAsync(string knowledgeFolder, AnsweringOptions options, RerankerOptions rerankerOptions, CancellationToken cancellationToken)
    {
        var knowledge = await KnowledgeBase.LoadAsync(knowledgeFolder, cancellationToken).ConfigureAwait(false);
        var reranker = rerankerOptions.Enabled ? SemanticReranker.Create(knowledge, rerankerOptions.Weight, cancellationToken) : null;
        return new Evaluator(KnowledgeIndex.Build(knowledge), reranker, options, rerankerOptions);
    }

    /// <summary>An evaluator over knowledge already in memory, with Lucene alone.</summary>
    public static Evaluator Create(KnowledgeBase knowledge, AnsweringOptions options, RerankerOptions rerankerOptions) =>
        new(KnowledgeIndex.Build(knowledge), reranker: null, options, rerankerOptions);

    /// <summary>What the bot decides for <paramref name="message"/> as the first message of a conversation.</summary>
    public Task<Decision> DecideAsync(string message, CancellationToken cancellationToken) =>
        _dialog.DecideAsync(message, new ConversationMemory(), cancellationToken);

    /// <summary>What the bot decides for <paramref name="message"/>, and the warning-sign concepts it read there.</summary>
    public async Task<string> ExplainAsync(string message, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(message, cancellationToken).ConfigureAwait(false);
        var outcome = new EvaluationOutcome(new EvaluationCase(0, "?", "explain", message, null), decision, string.Empty);
        var concepts = _knowledge.WarningSigns?.Read(message) ?? [];
        var answerability = decision.Search?.Answerability is { } model
            ? $"{model.Probability:F2} ({string.Join(", ", model.Explain().Take(5).Select(static part => $"{part.Key} {part.Value:+0.00;-0.00}"))})"
            : "not weighed";
        return $"{outcome.Describe()}\n  answerability: {answerability}\n  warning-sign concepts: {string.Join("; ", concepts)}\n  referral: {decision.RedFlag?.Sign?.Rule ?? "none"}";
    }

    public async Task<EvaluationReport> RunAsync(IReadOnlyList<EvaluationCase> cases, CancellationToken cancellationToken)
    {
        var outcomes = new List<EvaluationOutcome>(cases.Count);
        foreach (var evaluationCase in cases)
        {
            // Each case is its own conversation; a follow-up first asks its previous question in that conversation.
            var memory = new ConversationMemory();
            if (evaluationCase.Previous is { } previous)
            {
                await _dialog.DecideAsync(previous, memory, cancellationToken).ConfigureAwait(false);
            }

            var decision = await _dialog.DecideAsync(evaluationCase.Message, memory, cancellationToken).ConfigureAwait(false);
            var reply = _replies.Render(decision, showsSuggestedActions: true);
            outcomes.Add(new EvaluationOutcome(evaluationCase, decision, reply.Text ?? string.Empty));
        }

        return new EvaluationReport(outcomes, _options.SafetyNudge);
    }

    public void Dispose() => _provider.Dispose();
}

/// <summary>One case and what the bot did with it.</summary>
internal sealed record EvaluationOutcome(EvaluationCase Case, Decision Decision, string ReplyText)
{
    /// <summary>The pairs the bot put forward, best first: its answer, or its "did you mean" choices, then the rest of its search.</summary>
    public List<int> Ranking()
    {
        var ranking = new List<int>();
        void Add(int id)
        {
            if (!ranking.Contains(id))
            {
                ranking.Add(id);
            }
        }

        if (Decision.Pair is { } pair)
        {
            Add(pair.Id);
        }

        foreach (var choice in Decision.Choices)
        {
            Add(choice.Id);
        }

        foreach (var candidate in Decision.Search?.Candidates ?? [])
        {
            Add(candidate.Pair.Id);
        }

        return ranking;
    }

    public bool AnsweredCorrectly =>
        Decision.Kind == DecisionKind.Answer && Decision.Pair?.Id == Case.ExpectedPairId;

    /// <summary>Said the guide does not cover it, or (for a price, a booking, an order) where such questions go.</summary>
    public bool Refused => Decision.Kind is DecisionKind.NotCovered or DecisionKind.Business;

    public bool Flagged => Decision.Kind == DecisionKind.RedFlag;

    public bool IsAnswer => Decision.Kind is DecisionKind.Answer or DecisionKind.RedFlag;

    /// <summary>Flagged with the urgent wording (urgent care or an emergency service, and nothing else said).</summary>
    public bool FlaggedUrgent => Flagged && Decision.RedFlag!.Urgent;

    public bool Correct => Case.Expected switch
    {
        EvaluationCase.None => Refused,
        EvaluationCase.RedFlag => Flagged,
        EvaluationCase.UrgentRedFlag => FlaggedUrgent,
        EvaluationCase.Calm => !Flagged,
        _ => AnsweredCorrectly,
    };

    public string Describe()
    {
        var what = Decision.Kind switch
        {
            DecisionKind.Answer => $"answered {Decision.Pair!.Id}",
            DecisionKind.RedFlag => $"red flag {Decision.RedFlag!.Kind} [{string.Join(", ", Decision.RedFlag.Sign?.Concepts ?? [])}]" + (Decision.Pair is { } p ? $" + {p.Id}" : string.Empty),
            DecisionKind.DidYouMean => $"did you mean [{string.Join(", ", Decision.Choices.Select(c => c.Id))}]",
            _ => Decision.Kind.ToString(),
        };
        var best = Decision.Search?.Best is { } b ? $" (best {b.Pair.Id} at {b.Confidence:F2})" : string.Empty;
        return $"line {Case.Line} [{Case.Category}] expected {Case.Expected}, {what}{best}: {Case.Message}";
    }
}
