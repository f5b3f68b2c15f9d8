using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Tells the two deeps of this guide apart. Before "clean", "cleanse", "pore" or "facial" it names the treatment
/// ("deep pore cleansing", "a deep clean", "a deeper cleanse") and stays "deep"; anywhere else it is a measure ("how
/// deep does a pore go", "the deeper layer", "deep blackheads") and becomes "depth". As one word, the treatment's deep,
/// which nearly every pair says, drowned the question about the depth of a pore.
/// </summary>
internal sealed class DepthFilter : TokenFilter
{
    private const string Deep = "deep";
    private const string Depth = "depth";

    private static readonly string[] Deeps = ["deep", "deeper", "deepest", "deeply", "depth", "depths"];

    // The words that make "deep" the treatment's; a prefix, so "cleansing", "cleaner" and "pores" count too.
    private static readonly string[] TreatmentWords = ["clean", "pore", "facial"];

    private readonly ICharTermAttribute _term;
    private State? _next;

    public DepthFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_next is not null)
        {
            RestoreState(_next);
            _next = null;
        }
        else if (!m_input.IncrementToken())
        {
            return false;
        }

        if (!IsAny(Deeps, prefix: false))
        {
            return true;
        }

        // A "deep" that ends the text stays the treatment's: the search reads a misspelled message one word at a
        // time, and the guide's deep is far the commoner.
        var deep = CaptureState();
        var treatment = true;
        if (m_input.IncrementToken())
        {
            treatment = IsAny(TreatmentWords, prefix: true);
            _next = CaptureState();
        }

        RestoreState(deep);
        _term.SetEmpty().Append(treatment ? Deep : Depth);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = null;
    }

    private bool IsAny(string[] words, bool prefix)
    {
        var term = _term.Buffer.AsSpan(0, _term.Length);
        foreach (var word in words)
        {
            if (prefix ? term.StartsWith(word, StringComparison.Ordinal) : term.SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }
}
