using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Reads "the run-up to", "the lead-up to" and "leading up to" as "before", the word of every preparation pair's
/// question. "up" and "to" are stop words, so "in the run up to my spa appointment" was left with "run", which no
/// preparation pair says, and found the spa pair instead.
/// </summary>
internal sealed class RunUpFilter : TokenFilter
{
    private const string Before = "before";

    private static readonly string[] Leads = ["run", "running", "lead", "leading"];

    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private State? _next;

    public RunUpFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
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

        if (!Array.Exists(Leads, Is))
        {
            return true;
        }

        var lead = CaptureState();
        var leadIncrement = _position.PositionIncrement;
        if (!m_input.IncrementToken())
        {
            RestoreState(lead);
            return true;
        }

        if (Is("up"))
        {
            // The two words become one in the place of the second, so later positions stay where they were.
            _term.SetEmpty().Append(Before);
            _position.PositionIncrement += leadIncrement;
            return true;
        }

        _next = CaptureState();
        RestoreState(lead);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = null;
    }

    private bool Is(string word) =>
        _term.Length == word.Length && _term.Buffer.AsSpan(0, _term.Length).SequenceEqual(word);
}
