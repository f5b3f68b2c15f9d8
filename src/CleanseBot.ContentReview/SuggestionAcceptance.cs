using CleanseBot.Knowledge.Authoring;
using CleanseBot.QuestionLog;

namespace CleanseBot.ContentReview;

/// <summary>
/// Accepting a suggested alternate: its message is written into the knowledge as an alternate question of its pair
/// (<see cref="AlternateQuestionWriter"/>), then it and every record of the same suggestion are marked accepted in the
/// log, so the report no longer lists it. The file changes first: a log that cannot be marked leaves a line to review
/// and a suggestion that the next attempt refuses as a duplicate, never a suggestion marked but not written.
/// </summary>
public static class SuggestionAcceptance
{
    /// <exception cref="System.Data.Common.DbException">The log cannot be read or written.</exception>
    public static async Task<AcceptedSuggestion> AcceptAsync(QuestionLogStore store, string knowledgeFolder, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var suggestions = await InsightsReading.ListAsync(store.ReadSuggestionsAsync(DateTimeOffset.MinValue, cancellationToken)).ConfigureAwait(false);
        if (suggestions.FirstOrDefault(logged => logged.Id == id) is not { } chosen)
        {
            return new AcceptedSuggestion(AcceptanceOutcome.UnknownId, $"The question log has no suggestion {id}.");
        }

        var same = SuggestionGroups.SameAs(suggestions, chosen);
        if (same.FirstOrDefault(static logged => logged.Accepted) is { } accepted)
        {
            return new AcceptedSuggestion(
                AcceptanceOutcome.AlreadyAccepted,
                $"Suggestion {id} (\"{chosen.Suggestion.Message}\" for pair {chosen.Suggestion.PairId}) was already accepted on {accepted.AcceptedAt:yyyy-MM-dd HH:mm} UTC.");
        }

        var written = AlternateQuestionWriter.Add(knowledgeFolder, chosen.Suggestion.PairId, chosen.Suggestion.Message);
        if (!written.Added)
        {
            var outcome = written.Refusal switch
            {
                AlternateQuestionRefusal.PairNotFound => AcceptanceOutcome.PairNotFound,
                AlternateQuestionRefusal.Duplicate => AcceptanceOutcome.Duplicate,
                _ => AcceptanceOutcome.KnowledgeProblem,
            };
            return new AcceptedSuggestion(outcome, $"Suggestion {id} was not accepted: {written.Message}");
        }

        await store.MarkSuggestionsAcceptedAsync([.. same.Select(static logged => logged.Id)], now, cancellationToken).ConfigureAwait(false);
        return new AcceptedSuggestion(AcceptanceOutcome.Accepted, $"Suggestion {id} accepted. {written.Message}");
    }
}

/// <summary>What accepting a suggestion did, in words for a content owner.</summary>
public sealed record AcceptedSuggestion(AcceptanceOutcome Outcome, string Message)
{
    public bool Accepted => Outcome == AcceptanceOutcome.Accepted;
}

public enum AcceptanceOutcome
{
    Accepted,
    UnknownId,
    AlreadyAccepted,
    PairNotFound,
    Duplicate,
    KnowledgeProblem,
}
