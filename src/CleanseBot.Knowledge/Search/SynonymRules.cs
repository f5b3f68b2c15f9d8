using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Parsing;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Synonym;

namespace CleanseBot.Knowledge.Search;

/// <summary>Reads the synonym groups authored in <c>knowledge/synonyms.txt</c> (Solr synonym format).</summary>
internal static class SynonymRules
{
    /// <summary>Rules are analysed by <paramref name="ruleAnalyzer"/> (the query chain) so they match stemmed terms.</summary>
    public static SynonymMap Parse(SynonymSource source, Analyzer ruleAnalyzer)
    {
        try
        {
            return Build(source.Text, ruleAnalyzer);
        }
        catch (J2N.Text.ParseException)
        {
            throw FindBadRule(source, ruleAnalyzer);
        }
    }

    private static SynonymMap Build(string rules, Analyzer ruleAnalyzer)
    {
        var parser = new SolrSynonymParser(dedup: true, expand: true, ruleAnalyzer);
        parser.Parse(new StringReader(rules));
        return parser.Build();
    }

    // Lucene names no line; parsing the rules one by one finds it, so the author is pointed at the right place.
    private static KnowledgeFormatException FindBadRule(SynonymSource source, Analyzer ruleAnalyzer)
    {
        var lines = source.Text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            try
            {
                Build(lines[i], ruleAnalyzer);
            }
            catch (J2N.Text.ParseException)
            {
                return new KnowledgeFormatException(
                    source.FileName,
                    i + 1,
                    $"the synonym rule '{lines[i].Trim()}' has a word that is ignored in search (such as 'the', 'up' or 'make'), leaving nothing to match");
            }
        }

        return new KnowledgeFormatException(source.FileName, 1, "the synonym rules cannot be read");
    }
}
