using CleanseBot.QuestionLog;

namespace CleanseBot.ContentReview;

/// <summary>Reads what the report needs from the question log: a period's turns, ratings and suggestions.</summary>
public static class InsightsReading
{
    /// <exception cref="System.Data.Common.DbException">The log cannot be read.</exception>
    public static async Task<InsightsReport> ReadAsync(QuestionLogStore store, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var turns = await ListAsync(store.ReadTurnsAsync(since, cancellationToken)).ConfigureAwait(false);
        var ratings = await ListAsync(store.ReadRatedAnswersAsync(since, cancellationToken)).ConfigureAwait(false);
        var suggestions = await ListAsync(store.ReadSuggestionsAsync(since, cancellationToken)).ConfigureAwait(false);
        return InsightsReport.Build(turns, ratings, suggestions, since, until);
    }

    internal static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
