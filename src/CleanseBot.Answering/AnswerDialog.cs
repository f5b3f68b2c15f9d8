using System.Globalization;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Concepts;
using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace CleanseBot.Answering;

/// <summary>
/// Decides what to do with one message: a friendly word for empty, over-long or small-talk messages; warning
/// signs sent to a doctor first; otherwise the best knowledge answer, a "did you mean" when the best candidates
/// are close or the best is only nearly good enough, or an honest "not covered".
/// </summary>
public sealed partial class AnswerDialog(
    IKnowledgeSource knowledgeSource,
    IOptions<AnsweringOptions> options,
    IOptions<RerankerOptions> rerankerOptions,
    ILogger<AnswerDialog> logger)
{
    /// <summary>The last option of a "did you mean"; sent back as a message, it means none of the options fit.</summary>
    public const string NoneOfTheseText = "None of these";

    private const int CandidatesToConsider = 3;

    // The kind of knowledge/out-of-scope.txt that gets the contact reply; its other kinds get the honest "not covered".
    private const string BusinessKind = "Business";
    private const double MinKnownShareForFollowUp = 0.5;

    // A follow-up is searched wider, because the candidate from the conversation's section may rank below the top 3.
    private const int CandidatesToWeighNearby = 8;

    // Enough to hold every pair a message's words reach in a guide of this size; in a far larger knowledge base a
    // pair reached only by a very common word may fall outside, and the follow-up is then not read with the topic.
    private const int MatchesToCheck = 100;

    // Lucene's candidates the semantic re-ranker weighs, when it is on. On both evaluation sets 5 and 10 did as well
    // or better than 3; 10 costs nothing more, since the message is encoded once whatever the pool.
    private const int CandidatesToRerank = 10;

    // How much of its distance to full confidence a candidate from the conversation's section gains for a follow-up.
    // On the evaluation set 0.1 still left "and the one with acid?" (after microdermabrasion) between a cleanser and
    // the peel; 0.2 to 0.8 gave the same figures. 0.35 sits low in that range, so what the message names still counts most.
    private const double SameSectionPull = 0.35;

    private static readonly char[] SentenceEnds = ['?', '!', '.', ' '];

    private readonly AnsweringOptions _options = options.Value;
    private readonly double _rerankBelow = rerankerOptions.Value.UnsureBelow;

    public async Task<Decision> DecideAsync(string? text, ConversationMemory memory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Decision(DecisionKind.Empty);
        }

        text = text.Trim();
        LogQuestion(logger, text);
        // Leased, not just got: a reload meanwhile swaps in a new index, but this one stays open until the turn is decided.
        using var lease = await knowledgeSource.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var index = lease.Index;
        var started = Stopwatch.GetTimestamp();

        // A warning sign comes before everything else: before "please shorten that", small talk, a "did you mean"
        // choice or a follow-up. An over-long message is read for one up to a few times the limit, no further.
        var readForWarnings = text.Length <= WarningScanLength ? text : text[..WarningScanLength];
        var decision = WarningSign(index, readForWarnings, memory, out var overruled) is { } redFlag
            ? Referral(redFlag, text, index)
            : DecideCalm(text, memory, index) with { OverruledSign = overruled };
        var askedYesOrNo = decision.Pair is not null && KnowledgeIndex.AsksYesOrNo(text);
        var elapsed = Stopwatch.GetElapsedTime(started);
        decision = decision with { AskedYesOrNo = askedYesOrNo, DecidedIn = elapsed };
        LogDecision(logger, decision.Kind, decision.Pair?.Id, decision.Search?.Best?.Confidence ?? 0, elapsed.TotalMilliseconds);
        if (decision.Pair is { } answered)
        {
            memory.Remember(answered.Id);
        }

        return decision;
    }

    private int WarningScanLength => _options.MaxMessageLength * 4;

    // The file's rules name the referral; the learned model catches combinations of its concepts that no rule spells
    // out, and signs in words the file lacks, with the general referral, whatever the search finds: the model learned
    // the knowledge's own questions as calm ones (those about irritation after a cleanse hold the same concepts as a
    // warning sign), so a search that answers clearly adds nothing it has not weighed: holding the model back for one
    // cost 33 of the blind sets' 2,256 warning signs and spared 4 of their 1,300 calm messages (evaluation/README.md,
    // "The search no longer holds the learned referral back"). The model also overrules a rule's referral about an area
    // that it reads as almost surely calm (RedFlags.MayBeOverruled says which): the rules see concepts, and a concept
    // can be read where there is none. Only a message read alone, with concepts the model learned: that is what the
    // veto was measured on.
    // A message that no rule refers alone is read again with the previous message's concepts, for a sign told over two
    // messages; a rule the previous message held already is not matched again, so "thanks, which cleanser afterwards?"
    // after a referral is answered. Either way the learned urgency reading may raise the referral to the urgent one.
    private RedFlag? WarningSign(KnowledgeIndex index, string text, ConversationMemory memory, out ConceptMatch? overruled)
    {
        overruled = null;
        if (index.Knowledge.WarningSigns is not { } rules)
        {
            return null;
        }

        var match = rules.Match(text, out var present, out var words);
        var readAlone = true;
        var earlier = memory.WarningConcepts;
        memory.WarningConcepts = [.. rules.Named(present)];
        if (match is null && earlier.Count > 0)
        {
            match = rules.MatchTogether(text, present, earlier, out var together);
            present = match is null ? present : together;
            readAlone = match is null;
        }

        var model = WarningSignModel.Shipped;
        var pieces = model is null ? [] : WordPieces.Numbers(text);
        if (model is not null)
        {
            var probability = model.Probability(rules.Concepts, present, words, pieces, rules.Meaning(text));
            if (match is null && probability >= _options.WarningSignThreshold)
            {
                match = new ConceptMatch(RedFlags.LearnedKind, string.Create(CultureInfo.InvariantCulture, $"learned: {probability:F2}"), rules.Read(text));
            }
            else if (match is not null && probability < _options.WarningSignVeto && readAlone && RedFlags.MayBeOverruled(match)
                && model.Weighs(rules.Concepts, present))
            {
                LogVetoed(logger, match.Kind, probability);
                overruled = match with { Rule = string.Create(CultureInfo.InvariantCulture, $"{match.Rule}; overruled, learned: {probability:F3}") };
                match = null;
            }
        }

        if (match is null)
        {
            return null;
        }

        var redFlag = RedFlags.For(match);
        if (redFlag.Urgent || model is null)
        {
            return redFlag;
        }

        var urgency = model.UrgencyProbability(rules.Concepts, present, pieces);
        return urgency >= _options.UrgentThreshold
            ? RedFlags.UrgentFor(match with { Rule = string.Create(CultureInfo.InvariantCulture, $"{match.Rule}; urgent, learned: {urgency:F2}") })
            : redFlag;
    }

    // The warning comes first. What the guide says follows only about who the person is (pregnant, a child, on
    // isotretinoin), when the guide clearly has something: never product advice for an area that a doctor must see
    // first, and nothing after an emergency.
    private Decision Referral(RedFlag redFlag, string text, KnowledgeIndex index)
    {
        if (redFlag.Urgent || redFlag.AboutAnArea || text.Length > _options.MaxMessageLength)
        {
            return new Decision(DecisionKind.RedFlag) { RedFlag = redFlag };
        }

        var related = index.Search(text, CandidatesToConsider);
        var pair = IsConfident(related) ? related.Best!.Pair : null;
        return new Decision(DecisionKind.RedFlag) { RedFlag = redFlag, Pair = pair, Search = related };
    }

    private Decision DecideCalm(string text, ConversationMemory memory, KnowledgeIndex index)
    {
        if (text.Length > _options.MaxMessageLength)
        {
            LogTooLong(logger, text.Length, _options.MaxMessageLength);
            return new Decision(DecisionKind.TooLong) { MessageLength = text.Length };
        }

        if (string.Equals(text, NoneOfTheseText, StringComparison.OrdinalIgnoreCase))
        {
            return new Decision(DecisionKind.NoneOfThese);
        }

        return SmallTalk.Classify(text) switch
        {
            SmallTalkKind.Help => new Decision(DecisionKind.Help),
            SmallTalkKind.Greeting => new Decision(DecisionKind.Greeting),
            SmallTalkKind.Thanks => new Decision(DecisionKind.Thanks),
            _ => index.Knowledge.OutOfScope?.Match(KnowledgeIndex.AskingPart(text)) is { } outOfScope ? OutOfScope(outOfScope) : Decide(text, memory, index),
        };
    }

    // A price, a booking or a dose shares words with the guide ("how much is a deep cleansing facial") but asks what
    // it does not say: said so, rather than answered with the passage the shared words find. Only the part that asks
    // counts: "facials near me cost 90 dollars, can I do it at home?" asks about doing it at home.
    private static Decision OutOfScope(ConceptMatch match) =>
        new(match.Kind == BusinessKind ? DecisionKind.Business : DecisionKind.NotCovered) { OutOfScope = match };

    private Decision Decide(string text, ConversationMemory memory, KnowledgeIndex index)
    {
        var knowledge = index.Knowledge;
        var previous = memory.LastPairId is int lastId ? knowledge.Find(lastId) : null;
        if (previous is not null && FollowUps.AsksForMore(text))
        {
            return knowledge.Related(previous, 1, memory.AnsweredPairIds) is [var next, ..]
                ? AnswerWith(next, knowledge, memory, search: null)
                : new Decision(DecisionKind.NothingMore);
        }

        var result = Search(index, text, CandidatesToConsider);
        var context = new SearchContext(null, null);

        // A message in the guide's own words that starts like a follow-up ("what about the laser one") or is too
        // thin to answer alone ("which kind then") is read in the part of the guide the conversation is in. A message
        // about something else ("and what is the capital of France?") is not, however it starts: it must not inherit
        // the last answer.
        if (previous is not null && result.KnownShare >= MinKnownShareForFollowUp && (FollowUps.LeansOnPrevious(text) || !IsConfident(result)))
        {
            // First the message alone, its candidates from the same part of the guide preferred: its own words say
            // what is new ("laser", "the one with acid"), the conversation says where to look. If even so its best
            // answer lies elsewhere ("what about for sensitive skin?" after toners finds the FAQ on sensitive skin),
            // its words are too general to go on alone.
            var nearby = PreferSection(Search(index, text, CandidatesToWeighNearby), previous.Section);
            var nearbyFits = IsConfident(nearby) && TopHeading(nearby.Best!.Pair.Section) == TopHeading(previous.Section);

            // A message that leans on the previous answer asks about the same thing: "ok but mine is dry, which kind
            // then" after toners wants a toner, though "dry" alone finds the cleanser for dry skin next door. If its
            // words find another section, the words of the previous answer's section decide when they find an answer
            // in that section.
            var nearbyFirst = nearbyFits && (nearby.Best!.Pair.Section == previous.Section || !FollowUps.LeansOnPrevious(text));
            var combined = nearbyFirst ? null : WithTopic(index, text, previous);
            if (combined is not null && (!nearbyFits || combined.Best!.Pair.Section == previous.Section))
            {
                result = combined;
                context = new SearchContext(TopicText(text, previous), null);
            }
            else if (nearbyFits)
            {
                result = nearby;
                context = new SearchContext(null, previous.Section);
            }
        }

        return Classify(result, context, knowledge, memory);
    }

    // The message with words of the previous answer's section added, for messages too thin to answer alone; but the
    // answer must hold at least one of the message's own words, or "what about the weather today?" after toners would
    // get a toner answer on the strength of the topic words alone. Null when that finds no answer.
    private SearchResult? WithTopic(KnowledgeIndex index, string text, QnaPair previous)
    {
        var combined = Without(Search(index, TopicText(text, previous), CandidatesToConsider + 1), previous.Id);
        return IsConfident(combined) && MatchesAnyWord(index, text, combined.Best!.Pair) ? combined : null;
    }

    // The section's own heading, not its path: "Choosing the Right Products" would add "choose" to every follow-up in
    // that part and find "why choose an alcohol-free toner" for "ok but mine is dry, which kind then". The heading
    // joins the message's last sentence: after "what about for sensitive skin?" it would be a sentence of its own, and
    // the search would read the message alone as the sentence that asks.
    private static string TopicText(string text, QnaPair previous) => $"{text.TrimEnd(SentenceEnds)} {LastHeading(previous.Section)}";

    private Decision Classify(SearchResult result, SearchContext context, KnowledgeBase knowledge, ConversationMemory memory)
    {
        var best = result.Best;
        if (best is null || best.Confidence < _options.SuggestionThreshold)
        {
            return context.Apply(new Decision(DecisionKind.NotCovered) { Search = result });
        }

        if (best.Confidence < _options.ConfidenceThreshold)
        {
            return context.Apply(DidYouMean(result, floor: _options.SuggestionThreshold));
        }

        if (best.Confidence < _options.ClearConfidence && result.Candidates.Count > 1
            && result.Candidates[1].Confidence >= best.Confidence - _options.AmbiguityMargin)
        {
            return context.Apply(DidYouMean(result, floor: best.Confidence - _options.AmbiguityMargin));
        }

        // One answer stands out in words; the model judges whether it answers what the message asks (read as it came,
        // not in the conversation's part of the guide). Candidates too close to call were offered above instead.
        if (context == default && result.Answerability is { } answerability && answerability.Probability < _options.AnswerabilityThreshold)
        {
            return new Decision(DecisionKind.NotCovered) { Search = result };
        }

        return context.Apply(AnswerWith(best.Pair, knowledge, memory, result));
    }

    private static Decision DidYouMean(SearchResult result, double floor)
    {
        var choices = new List<QnaPair>(result.Candidates.Count);
        foreach (var candidate in result.Candidates)
        {
            if (candidate.Confidence >= floor)
            {
                choices.Add(candidate.Pair);
            }
        }

        return new Decision(DecisionKind.DidYouMean) { Choices = choices, Search = result };
    }

    // Candidates from the section the conversation is in keep some of the way to full confidence, those from the
    // same part of the guide (the section's first heading) half as much. Confidence stays below 1, the order
    // within the section stays Lucene's.
    private static SearchResult PreferSection(SearchResult result, string section)
    {
        var part = TopHeading(section);
        return result.Rescored(
            candidate =>
            {
                var pull = candidate.Pair.Section == section ? SameSectionPull
                    : TopHeading(candidate.Pair.Section) == part ? SameSectionPull / 2
                    : 0;
                return candidate with { Confidence = candidate.Confidence + ((1 - candidate.Confidence) * pull) };
            },
            CandidatesToConsider);
    }

    // Lucene only returns pairs that hold a word of the query, so a pair among the message's matches holds one of its words.
    private static bool MatchesAnyWord(KnowledgeIndex index, string text, QnaPair pair) =>
        index.Search(text, MatchesToCheck).Candidates.Any(candidate => candidate.Pair.Id == pair.Id);

    private static string TopHeading(string section)
    {
        var end = section.IndexOf(" > ", StringComparison.Ordinal);
        return end < 0 ? section : section[..end];
    }

    private static string LastHeading(string section)
    {
        var start = section.LastIndexOf(" > ", StringComparison.Ordinal);
        return start < 0 ? section : section[(start + 3)..];
    }

    private Decision AnswerWith(QnaPair pair, KnowledgeBase knowledge, ConversationMemory memory, SearchResult? search) =>
        new(DecisionKind.Answer)
        {
            Pair = pair,
            Related = knowledge.Related(pair, _options.MaxSuggestions, memory.AnsweredPairIds),
            Search = search,
        };

    // Lucene first; the semantic re-ranker, when loaded, only where Lucene is unsure: it costs milliseconds a call.
    private SearchResult Search(KnowledgeIndex index, string text, int candidates)
    {
        if (knowledgeSource.RerankerFor(index) is not { } reranker)
        {
            return index.Search(text, candidates);
        }

        // The model re-ranks a wider pool than is kept: the right pair is often just outside Lucene's best three.
        var result = index.Search(text, Math.Max(candidates, CandidatesToRerank));
        if (result.Best is { } best && best.Confidence < _rerankBelow)
        {
            result = reranker.Rerank(text, result);
        }

        return result with { Candidates = [.. result.Candidates.Take(candidates)] };
    }

    private bool IsConfident(SearchResult result) => result.Best is { } best && best.Confidence >= _options.ConfidenceThreshold;

    private static SearchResult Without(SearchResult result, int pairId)
    {
        var kept = new List<SearchCandidate>(result.Candidates.Count);
        foreach (var candidate in result.Candidates)
        {
            if (candidate.Pair.Id != pairId)
            {
                kept.Add(candidate);
            }
        }

        return result with { Candidates = kept };
    }

    /// <summary>How a follow-up was read: with words of the previous topic added, or with its section preferred.</summary>
    private readonly record struct SearchContext(string? SearchedText, string? PreferredSection)
    {
        public Decision Apply(Decision decision) => decision with { SearchedText = SearchedText, PreferredSection = PreferredSection };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message text: {Text}")]
    private static partial void LogQuestion(ILogger logger, string text);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Decided {Decision} with pair {PairId} at best confidence {Confidence:F2} in {ElapsedMs:F2} ms")]
    private static partial void LogDecision(ILogger logger, DecisionKind decision, int? pairId, double confidence, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "The warning-sign model overruled a rule of kind {Kind} as calm: probability {Probability:F3}")]
    private static partial void LogVetoed(ILogger logger, string kind, double probability);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message of {Length} characters is over the limit of {MaxLength}")]
    private static partial void LogTooLong(ILogger logger, int length, int maxLength);
}
