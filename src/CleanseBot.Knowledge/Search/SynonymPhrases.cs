namespace CleanseBot.Knowledge.Search;

/// <summary>
/// A multi-word synonym ("face wash", "big pore") as one term. The index adds it, not its words, wherever the
/// knowledge uses an entry of its group (see <see cref="SynonymRules"/>); a message or question holding its words
/// next to each other gains it too, after them.
/// </summary>
internal static class SynonymPhrases
{
    // The tokenizer keeps '_' inside a word, so a joined term cannot be told from a typed one; nobody types "face_wash".
    private const string Separator = "_";

    /// <summary>The most words of an entry a message is checked for ("beta hydroxy acid"); <see cref="SynonymRules"/> rejects longer ones.</summary>
    public const int LongestPhrase = 3;

    public static string Joined(IReadOnlyList<string> words) => string.Join(Separator, words);

    /// <summary>
    /// <paramref name="terms"/> with the joined term of each run of words that is a multi-word synonym added after
    /// the run, longest run first. The words stay: a pair that says "big pores" holds both, one that says "enlarged
    /// pores" only the joined term, and the message's words still find pairs that use one of them alone.
    /// </summary>
    /// <param name="isIndexed">Which joined terms the index holds.</param>
    /// <param name="joined">Makes the joined item from the run's items and the joined term.</param>
    public static List<T> Join<T>(List<T> terms, Func<T, string> text, Func<string, bool> isIndexed, Func<List<T>, string, T> joined)
    {
        List<T>? result = null;
        for (var i = 0; i < terms.Count; i++)
        {
            var taken = 1;
            for (var length = Math.Min(LongestPhrase, terms.Count - i); length > 1; length--)
            {
                var phrase = length == 2
                    ? string.Concat(text(terms[i]), Separator, text(terms[i + 1]))
                    : string.Concat(text(terms[i]), Separator, text(terms[i + 1]), Separator, text(terms[i + 2]));
                if (isIndexed(phrase))
                {
                    var run = terms.GetRange(i, length);
                    result ??= terms.GetRange(0, i);
                    result.AddRange(run);
                    result.Add(joined(run, phrase));
                    taken = length;
                    break;
                }
            }

            if (taken == 1)
            {
                result?.Add(terms[i]);
            }

            i += taken - 1;
        }

        return result ?? terms;
    }

    /// <inheritdoc cref="Join{T}"/>
    public static List<string> Join(List<string> terms, Func<string, bool> isIndexed) =>
        Join(terms, static term => term, isIndexed, static (_, phrase) => phrase);
}
