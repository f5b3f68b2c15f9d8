namespace CleanseBot.Knowledge.Search;

/// <summary>
/// The search terms of everyday English: the stems of the whole words among the first 10,000 of MiniLM's vocabulary,
/// which numbers its word pieces by how often they occur, so about the 8,000 commonest words. Written by
/// tools/CleanseBot.WordVectors. A message's word that the guide never uses but everybody does ("fast", "month",
/// "hidden") says little about what it asks; a rare one ("botox", "tattoo", a brand) usually names what it asks
/// about, something the guide does not cover (see the known share in <see cref="KnowledgeIndex"/>).
/// </summary>
internal sealed class CommonWords
{
    public const string ResourceName = "CleanseBot.Knowledge.CommonWords.txt";

    private readonly HashSet<string> _terms;

    private CommonWords(HashSet<string> terms) => _terms = terms;

    /// <summary>One copy for every index and reader in the process (about 5,000 terms), read when first needed.</summary>
    public static Lazy<CommonWords> Shared { get; } = new(Load);

    public int Count => _terms.Count;

    /// <summary>Whether <paramref name="term"/> is everyday English; a number ("I'm 25", "90 dollars") is too: it says how old or how much, not what about.</summary>
    public bool Contains(string term) => _terms.Contains(term) || term.All(char.IsAsciiDigit);

    public static CommonWords Load()
    {
        using var stream = typeof(CommonWords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"The assembly holds no {ResourceName}; run tools/CleanseBot.WordVectors.");
        using var reader = new StreamReader(stream);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                terms.Add(line);
            }
        }

        return new CommonWords(terms);
    }
}
