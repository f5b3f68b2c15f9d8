using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Parsing;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Util;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Reads the synonym groups authored in <c>knowledge/synonyms.txt</c> (Solr synonym format: one group of
/// equivalents per line, <c>#</c> starting a comment). Wherever the knowledge uses one entry of a group, the index
/// gains every other; a multi-word entry is added as one term (<see cref="SynonymPhrases"/>), not as its words, so
/// that "cleanser" gains "face_wash" rather than "face" and "wash": a visitor's "wash your face" must not find every
/// cleanser pair through its generic words.
/// </summary>
internal static class SynonymRules
{
    /// <summary>Rules are analysed by <paramref name="ruleAnalyzer"/> (the query chain) so they match stemmed terms.</summary>
    public static SynonymMap Parse(SynonymSource source, KnowledgeAnalyzer ruleAnalyzer) => Read(source, ruleAnalyzer, problems: null);

    /// <summary>Every rule that <see cref="Parse"/> would stop at, for a check that reports them all at once.</summary>
    public static List<KnowledgeFormatException> Problems(SynonymSource source)
    {
        var problems = new List<KnowledgeFormatException>();
        using var ruleAnalyzer = new KnowledgeAnalyzer();
        Read(source, ruleAnalyzer, problems);
        return problems;
    }

    // Mistakes are thrown when problems is null, else collected and their rules left out.
    private static SynonymMap Read(SynonymSource source, KnowledgeAnalyzer ruleAnalyzer, List<KnowledgeFormatException>? problems)
    {
        var builder = new SynonymMap.Builder(dedup: true);
        var lines = source.Text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var rule = lines[i];
            var comment = rule.IndexOf('#', StringComparison.Ordinal);
            if (comment >= 0)
            {
                rule = rule[..comment];
            }

            if (string.IsNullOrWhiteSpace(rule))
            {
                continue;
            }

            List<List<string>> entries;
            try
            {
                entries = Entries(rule, source, i + 1, lines[i].Trim(), ruleAnalyzer);
            }
            catch (KnowledgeFormatException problem) when (problems is not null)
            {
                problems.Add(problem);
                continue;
            }

            foreach (var input in entries)
            {
                // The words as written stay (includeOrig); a multi-word entry also gains its own joined term, so
                // a message naming it matches where the knowledge names it in the same words.
                var inputRef = SynonymMap.Builder.Join([.. input], new CharsRef());
                foreach (var output in entries)
                {
                    if (output.Count == 1 && output.SequenceEqual(input))
                    {
                        continue;
                    }

                    builder.Add(inputRef, new CharsRef(SynonymPhrases.Joined(output)), includeOrig: true);
                }
            }
        }

        return builder.Build();
    }

    // Each entry of a group as its analysed words.
    private static List<List<string>> Entries(string rule, SynonymSource source, int line, string written, KnowledgeAnalyzer ruleAnalyzer)
    {
        var entries = new List<List<string>>();
        foreach (var entry in rule.Split(','))
        {
            var words = ruleAnalyzer.Terms(entry);
            if (words.Count == 0)
            {
                throw new KnowledgeFormatException(
                    source.FileName,
                    line,
                    $"the synonym rule '{written}' has a word that is ignored in search (such as 'the', 'up' or 'make'), leaving nothing to match");
            }

            if (words.Count > SynonymPhrases.LongestPhrase)
            {
                throw new KnowledgeFormatException(
                    source.FileName,
                    line,
                    $"the synonym '{entry.Trim()}' has more than {SynonymPhrases.LongestPhrase} words that search uses; no message would be matched with it");
            }

            entries.Add(words);
        }

        return entries;
    }
}
