using CleanseBot.QuestionLog;

namespace CleanseBot.ContentReview;

/// <summary>
/// The same message suggested for the same pair by several visitors is one suggestion, stronger for it: one line in
/// the report, accepted at once. A suggestion one of whose records was accepted is no longer awaiting review.
/// </summary>
public static class SuggestionGroups
{
    /// <summary>The suggestions awaiting review, most often made first.</summary>
    public static IReadOnlyList<SuggestionCount> Awaiting(IEnumerable<LoggedSuggestion> suggestions) =>
        suggestions
            .GroupBy(static logged => Key(logged.Suggestion))
            .Where(static same => !same.Any(static logged => logged.Accepted))
            .Select(static same => new SuggestionCount(
                same.Min(static logged => logged.Id),
                same.First().Suggestion.Message.Trim(),
                same.Key.PairId,
                same.Count(),
                same.Select(static logged => logged.Suggestion.Source).Distinct().Order().ToList()))
            .OrderByDescending(static suggestion => suggestion.Count)
            .ThenBy(static suggestion => suggestion.PairId)
            .ToList();

    /// <summary>The records <paramref name="id"/> is one of: the same message for the same pair.</summary>
    public static IReadOnlyList<LoggedSuggestion> SameAs(IEnumerable<LoggedSuggestion> suggestions, LoggedSuggestion id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = Key(id.Suggestion);
        return suggestions.Where(logged => Key(logged.Suggestion) == key).ToList();
    }

    private static (string Message, int PairId) Key(SuggestedAlternate suggestion) => (suggestion.Message.Trim().ToLowerInvariant(), suggestion.PairId);
}
