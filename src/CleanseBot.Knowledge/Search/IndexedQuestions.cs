using CleanseBot.Knowledge.Model;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Each pair's questions (main and alternates) as the index holds them: analysed words with their synonyms, one set
/// per question, for <see cref="ClosestQuestion"/>. A built index analyses a pair the first time a search reaches it;
/// a saved one reads them all back, so opening it needs neither the synonym map nor the analysis chain.
/// </summary>
internal sealed class IndexedQuestions
{
    private const string Separator = " ";

    private readonly Lazy<string[][]>[] _byPair;

    private IndexedQuestions(Lazy<string[][]>[] byPair) => _byPair = byPair;

    public int PairCount => _byPair.Length;

    /// <summary>The questions of the pair at <paramref name="pairIndex"/>, main question first, each as its terms.</summary>
    public string[][] Of(int pairIndex) => _byPair[pairIndex].Value;

    /// <param name="indexAnalyzer">The chain the index was written with; kept by the caller for as long as this is used.</param>
    public static IndexedQuestions Analysed(IReadOnlyList<QnaPair> pairs, KnowledgeAnalyzer indexAnalyzer)
    {
        var byPair = new Lazy<string[][]>[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            byPair[i] = new Lazy<string[][]>(() => [.. pair.AlternateQuestions.Prepend(pair.Question).Select(text => indexAnalyzer.Terms(text).Distinct(StringComparer.Ordinal).ToArray())]);
        }

        return new IndexedQuestions(byPair);
    }

    /// <summary>One line per pair, its questions separated by tabs and their terms by spaces (analysed terms hold neither).</summary>
    public void Write(TextWriter writer)
    {
        for (var i = 0; i < _byPair.Length; i++)
        {
            writer.WriteLine(string.Join('\t', Of(i).Select(terms => string.Join(Separator, terms))));
        }
    }

    /// <exception cref="InvalidDataException">The text does not hold <paramref name="pairs"/>' questions.</exception>
    public static IndexedQuestions Read(TextReader reader, IReadOnlyList<QnaPair> pairs)
    {
        var byPair = new Lazy<string[][]>[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var questions = (reader.ReadLine() ?? throw new InvalidDataException($"The saved questions end before pair {i + 1} of {pairs.Count}."))
                .Split('\t')
                .Select(terms => terms.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
                .ToArray();
            if (questions.Length != pairs[i].AlternateQuestions.Count + 1)
            {
                throw new InvalidDataException($"The saved questions of pair {pairs[i].Id} are {questions.Length}, not {pairs[i].AlternateQuestions.Count + 1}.");
            }

            byPair[i] = new Lazy<string[][]>(questions);
        }

        return reader.ReadLine() is null
            ? new IndexedQuestions(byPair)
            : throw new InvalidDataException($"The saved questions hold more than {pairs.Count} pairs.");
    }
}
