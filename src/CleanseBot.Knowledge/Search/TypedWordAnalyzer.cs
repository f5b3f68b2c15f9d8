using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Splits text into words as typed, only lower-cased and with accents folded: no stop words, no stems. Spelling is
/// corrected on these (<see cref="SpellingCorrector"/>), because a typo is a slip in a word, not in its stem. The
/// tokenizer is the one <see cref="KnowledgeAnalyzer"/> uses, so both see the same words.
/// </summary>
internal sealed class TypedWordAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(KnowledgeAnalyzer.Version, reader);
        TokenStream chain = new LowerCaseFilter(KnowledgeAnalyzer.Version, source);
        chain = new ASCIIFoldingFilter(chain);
        return new TokenStreamComponents(source, chain);
    }

    /// <summary>The words of <paramref name="text"/> in order, duplicates included.</summary>
    public List<string> Words(string text)
    {
        var words = new List<string>();
        using var stream = GetTokenStream(string.Empty, text);
        var word = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(word.ToString());
        }

        stream.End();
        return words;
    }
}
