using Lucene.Net.Analysis;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Tells the two deeps of this guide apart. Before "clean", "cleanse", "pore" or "facial" it names the treatment
/// ("deep pore cleansing", "a deep clean", "a deeper cleanse") and stays "deep"; anywhere else it is a measure ("how
/// deep does a pore go", "the deeper layer", "deep blackheads") and becomes "depth". As one word, the treatment's deep,
/// which nearly every pair says, drowned the question about the depth of a pore.
/// </summary>
internal sealed class DepthFilter(TokenStream input) : WordPairFilter(input)
{
    private static readonly string[] Deeps = ["deep", "deeper", "deepest", "deeply", "depth", "depths"];

    // The words that make "deep" the treatment's; a prefix, so "cleansing", "cleaner" and "pores" count too.
    private static readonly string[] TreatmentWords = ["clean", "pore", "facial"];

    private bool _beforeTreatment;

    protected override bool Opens() => Array.Exists(Deeps, Is);

    // Never joined: the word after "deep" only says which deep it is.
    protected override bool Joins()
    {
        _beforeTreatment = Array.Exists(TreatmentWords, StartsWith);
        return false;
    }

    // A "deep" that ends the text stays the treatment's: the search reads a misspelled message one word at a time,
    // and the guide's deep is far the commoner.
    protected override void Alone(bool followed) =>
        Term.SetEmpty().Append(!followed || _beforeTreatment ? "deep" : "depth");
}
