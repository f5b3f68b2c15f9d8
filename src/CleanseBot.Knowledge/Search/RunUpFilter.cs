using Lucene.Net.Analysis;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Reads "the run-up to", "the lead-up to" and "leading up to" as "before", the word of every preparation pair's
/// question. "up" and "to" are stop words, so "in the run up to my spa appointment" was left with "run", which no
/// preparation pair says, and found the spa pair instead.
/// </summary>
internal sealed class RunUpFilter(TokenStream input) : WordPairFilter(input)
{
    private static readonly string[] Leads = ["run", "running", "lead", "leading"];

    protected override bool Opens() => Array.Exists(Leads, Is);

    protected override bool Joins()
    {
        if (!Is("up"))
        {
            return false;
        }

        Term.SetEmpty().Append("before");
        return true;
    }
}
