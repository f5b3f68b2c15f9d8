using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Drops "tell" where it asks the bot ("can you tell me about toners", "tell us more"), and keeps it where it is what
/// the visitor asks about: telling the esthetician ("should I tell them about my allergies", "what to tell the
/// facialist"), which three pairs of the guide answer. A stop word either way would lose one of the two.
/// </summary>
internal sealed class TellMeFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private State? _next;

    public TellMeFilter(TokenStream input)
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
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (!Is("tell"))
        {
            return true;
        }

        var tell = CaptureState();
        var tellIncrement = _position.PositionIncrement;
        if (!m_input.IncrementToken())
        {
            RestoreState(tell);
            return true;
        }

        if (Is("me") || Is("us"))
        {
            // "tell" is dropped; the word after it takes its place, so later positions stay where they were.
            _position.PositionIncrement += tellIncrement;
            return true;
        }

        _next = CaptureState();
        RestoreState(tell);
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
