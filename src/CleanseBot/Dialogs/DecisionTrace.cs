using System.Globalization;
using CleanseBot.Answering;
using CleanseBot.Hosting;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace CleanseBot.Dialogs;

/// <summary>
/// A trace activity that shows support staff in the Emulator why the bot answered as it did: the query as
/// analysed, the top candidates with their scores, the answerability model's probability with each signal's part in
/// it (log-odds), the thresholds and the decision, and for a referral the
/// warning-sign concepts read in the message and the line of knowledge/warning-signs.txt that decided it. Other
/// channels drop traces.
/// </summary>
internal static class DecisionTrace
{
    public const string ValueType = "https://cleansebot.dev/schemas/decision-trace";

    public static Activity Create(Decision decision, AnsweringOptions options)
    {
        var search = decision.Search;
        var candidates = new List<object>();
        foreach (var candidate in search?.Candidates ?? [])
        {
            candidates.Add(new
            {
                id = candidate.Pair.Id,
                question = candidate.Pair.Question,
                confidence = Math.Round(candidate.Confidence, 3),
                luceneScore = Math.Round(candidate.Score, 3),
                similarity = candidate.Similarity is { } similarity ? Math.Round(similarity, 3) : (double?)null,
                rankerScore = candidate.RankerScore is { } rankerScore ? Math.Round(rankerScore, 3) : (double?)null,
                passageProbability = candidate.Signals?.PassageProbability is { } probability ? Math.Round(probability, 3) : (double?)null,
            });
        }

        var queryTerms = new List<string>();
        foreach (var term in search?.QueryTerms ?? [])
        {
            queryTerms.Add(term.ToString());
        }

        var value = new
        {
            decision = decision.Kind.ToString(),
            answeredPairId = decision.Pair?.Id,
            redFlag = decision.RedFlag?.Kind.ToString(),
            warningSigns = decision.RedFlag?.Sign?.Concepts,
            referral = decision.RedFlag?.Sign?.Rule,
            overruledReferral = decision.OverruledSign?.Rule,
            overruledWarningSigns = decision.OverruledSign?.Concepts,
            outOfScope = decision.OutOfScope?.Rule,
            choices = decision.Choices.Select(pair => pair.Id).ToArray(),
            searchedText = decision.SearchedText,
            preferredSection = decision.PreferredSection,
            queryTerms,
            candidates,
            answerability = search?.Answerability is { } answerability
                ? new
                {
                    probability = Math.Round(answerability.Probability, 3),
                    signals = answerability.Explain().ToDictionary(static part => part.Key, static part => Math.Round(part.Value, 3)),
                }
                : null,
            thresholds = new
            {
                answer = options.ConfidenceThreshold,
                suggest = options.SuggestionThreshold,
                clear = options.ClearConfidence,
                ambiguityMargin = options.AmbiguityMargin,
                answerability = options.AnswerabilityThreshold,
            },
        };

        var label = string.Create(CultureInfo.InvariantCulture, $"{decision.Kind} (best confidence {search?.Best?.Confidence ?? 0:F2}, threshold {options.ConfidenceThreshold:F2})");
        // A JObject, not the anonymous object: the SDK writes an expectReplies response with a contract resolver that
        // skips read-only properties, and an anonymous type has nothing else, so the trace arrived there as {}.
        return (Activity)Activity.CreateTraceActivity("CleanseBot decision", ValueType, JObject.FromObject(value), label);
    }
}
