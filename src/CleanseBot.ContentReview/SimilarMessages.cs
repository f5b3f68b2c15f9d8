namespace CleanseBot.ContentReview;

/// <summary>
/// Groups messages that ask the same thing in different words ("is microneedling safe at home?", "home microneedling,
/// safe?"), so a content owner sees one line per missing topic rather than one per phrasing. Two messages are alike
/// when their content words overlap by at least half (Jaccard); each message joins the most frequent group it is like.
/// </summary>
internal static class SimilarMessages
{
    private const double Alike = 0.5;

    // Words that say how something is asked, not what: without them, every "how do I ..." would look alike. A short,
    // fixed list suffices for grouping a report; the bot's own analysis (knowledge/) is not needed here.
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "so", "of", "to", "in", "on", "at", "for", "with", "by", "from", "about",
        "is", "are", "was", "be", "been", "do", "does", "did", "can", "could", "should", "would", "will", "may", "might",
        "i", "me", "my", "you", "your", "it", "its", "we", "our", "they", "them", "this", "that", "these", "those",
        "what", "which", "who", "how", "when", "where", "why", "there", "any", "some", "much", "many", "very", "too",
        "please", "ok", "okay", "hi", "hello", "thanks", "just", "get", "have", "has", "use", "using", "im", "not", "no",
    };

    public static IReadOnlyList<MessageGroup> Group(IEnumerable<string> messages, int top)
    {
        // Identical messages (ignoring case and spacing) first, most frequent first, so each group is led by its most usual wording.
        var distinct = messages
            .GroupBy(static message => string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant())
            .Select(static same => (Text: same.First().Trim(), Count: same.Count(), Words: ContentWords(same.Key)))
            .OrderByDescending(static message => message.Count)
            .ThenBy(static message => message.Text, StringComparer.Ordinal);

        var groups = new List<(HashSet<string> Words, List<(string Text, int Count)> Members)>();
        foreach (var message in distinct)
        {
            var home = groups.FirstOrDefault(group => Similarity(group.Words, message.Words) >= Alike);
            if (home.Members is null)
            {
                groups.Add((message.Words, [(message.Text, message.Count)]));
            }
            else
            {
                home.Members.Add((message.Text, message.Count));
            }
        }

        return groups
            .Select(static group => new MessageGroup(group.Members.Sum(static member => member.Count), [.. group.Members.Select(static member => member.Text)]))
            .OrderByDescending(static group => group.Count)
            .Take(top)
            .ToList();
    }

    internal static HashSet<string> ContentWords(string message)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= message.Length; i++)
        {
            var inWord = i < message.Length && char.IsLetterOrDigit(message[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = message[start..i].ToLowerInvariant();
                start = -1;

                // "pores" and "pore" are one topic; a plural's s is the only inflection worth undoing for a report.
                if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
                {
                    word = word[..^1];
                }

                if (word.Length > 1 && !FunctionWords.Contains(word))
                {
                    words.Add(word);
                }
            }
        }

        return words;
    }

    private static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return a.Count == b.Count ? 1 : 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}

/// <summary>Messages asking one thing: how many times, and its wordings, most frequent first.</summary>
public sealed record MessageGroup(int Count, IReadOnlyList<string> Wordings);
