namespace CleanseBot.Evaluation;

/// <summary>
/// The words of the messages a model learns from, as features after its others: one column, 0 or 1, for each word that
/// at least <see cref="MinExamples"/> training messages hold. A word of one or two messages would only learn that
/// message's label.
/// </summary>
internal sealed class WordFeatures
{
    public const int MinExamples = 3;

    private readonly Dictionary<string, int> _column;

    /// <param name="messages">Each training message's words, each word once.</param>
    /// <param name="firstColumn">The column of the first word: the model's other features come before.</param>
    public WordFeatures(IEnumerable<IReadOnlyList<string>> messages, int firstColumn)
    {
        _column = messages.SelectMany(static words => words)
            .CountBy(static word => word, StringComparer.Ordinal)
            .Where(static count => count.Value >= MinExamples)
            .Select(static count => count.Key)
            .Order(StringComparer.Ordinal)
            .Select((word, i) => (word, i))
            .ToDictionary(static entry => entry.word, entry => firstColumn + entry.i, StringComparer.Ordinal);
    }

    public int Count => _column.Count;

    /// <summary>Sets the columns of <paramref name="words"/> in <paramref name="row"/> to <paramref name="value"/>; words not learned from are left out.</summary>
    public void Set(IReadOnlyList<string> words, float[] row, float value = 1f)
    {
        foreach (var word in words)
        {
            if (_column.TryGetValue(word, out var i))
            {
                row[i] = value;
            }
        }
    }

    /// <summary>
    /// Each word's fitted weight, by word, times the <paramref name="scale"/> its column was set at (so that it weighs a
    /// word counted 1); leaving out those the regression left at nothing (only bulk in a model file).
    /// </summary>
    public SortedDictionary<string, double> Weights(double[] weights, float scale = 1f)
    {
        var byWord = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (word, i) in _column)
        {
            if (weights[i] != 0)
            {
                byWord[word] = scale == 1f ? weights[i] : Math.Round(weights[i] * scale, 6);
            }
        }

        return byWord;
    }
}
