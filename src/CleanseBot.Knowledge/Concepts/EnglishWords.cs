using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Concepts;

/// <summary>
/// Whether a typed word is English, so that only slips are read as the concept word they are close to ("fevor" is
/// "fever", "never" stays "never"). A word is English when its search term has a word vector or is everyday
/// English (<see cref="CommonWords"/>), or when the search drops it as too common to mean anything ("good", "still").
/// </summary>
internal static class EnglishWords
{
    private static readonly KnowledgeAnalyzer Analyzer = new();

    public static bool Contains(string word) => Analyzer.Terms(word) switch
    {
        [] => true,
        [var term, ..] => WordVectors.Shared.Value.Contains(term) || CommonWords.Shared.Value.Contains(term),
    };
}
