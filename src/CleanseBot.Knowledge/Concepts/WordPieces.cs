namespace CleanseBot.Knowledge.Concepts;

/// <summary>
/// The pieces of a message's words as typed: every run of <see cref="Length"/> letters of each word, its start and end
/// marked ("<sw", "swo", …, "en>"), each once. The warning-sign model weighs them beside the whole words, so that a word
/// no training message spelled that way still counts by the pieces it shares with those that did: "swolen", "oozy" and
/// "shivvery" keep most of the pieces of "swollen", "oozing" and "shivery", where as whole words they weigh nothing.
/// </summary>
public static class WordPieces
{
    public const int Length = 3;

    private const char Start = '<';
    private const char End = '>';

    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in ConceptWords.Split(text))
        {
            if (word == ConceptWords.Pause || !char.IsLetter(word[0]))
            {
                continue;
            }

            var marked = string.Concat(Start.ToString(), word, End.ToString());
            for (var i = 0; i + Length <= marked.Length; i++)
            {
                pieces.Add(marked.Substring(i, Length));
            }
        }

        return [.. pieces];
    }
}
