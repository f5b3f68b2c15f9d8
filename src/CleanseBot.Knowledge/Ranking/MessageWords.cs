namespace CleanseBot.Knowledge.Ranking;

/// <summary>
/// The words of a message as the learned models weigh them: lower case, each stemmed once, as typed (a misspelling is
/// a word no model learned, and weighs nothing), split as the warning-sign reading splits them.
/// </summary>
public static class MessageWords
{
    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Concepts.ConceptWords.Split(text);
        words.RemoveAll(static word => word == Concepts.ConceptWords.Pause);
        return [.. Concepts.ConceptWords.Stems(words).Distinct(StringComparer.Ordinal)];
    }
}
