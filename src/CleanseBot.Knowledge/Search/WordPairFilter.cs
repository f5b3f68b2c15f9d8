using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// A token filter that reads some words together with the word after them ("tell me", "run up", "deep pore"): it
/// holds the next word back while the pair is read, then either joins the two into one word in the second's place,
/// so later positions stay where they were, or lets both through.
/// </summary>
internal abstract class WordPairFilter : TokenFilter
{
    private readonly IPositionIncrementAttribute _position;
    private State? _next;

    protected WordPairFilter(TokenStream input)
        : base(input)
    {
        Term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    /// <summary>The current word.</summary>
    protected ICharTermAttribute Term { get; }

    public sealed override bool IncrementToken()
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

        if (!Opens())
        {
            return true;
        }

        var first = CaptureState();
        var firstIncrement = _position.PositionIncrement;
        if (!m_input.IncrementToken())
        {
            RestoreState(first);
            Alone(followed: false);
            return true;
        }

        if (Joins())
        {
            _position.PositionIncrement += firstIncrement;
            return true;
        }

        _next = CaptureState();
        RestoreState(first);
        Alone(followed: true);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = null;
    }

    /// <summary>Whether the current word is one this filter reads with the word after it.</summary>
    protected abstract bool Opens();

    /// <summary>
    /// With the word after an opening word current: whether the two become one word, the current one as it is or as
    /// this method rewrites it.
    /// </summary>
    protected abstract bool Joins();

    /// <summary>With an opening word current that stays a word of its own, before or without (<paramref name="followed"/> false) a word after it; it may rewrite it.</summary>
    protected virtual void Alone(bool followed)
    {
    }

    /// <summary>Whether the current word is <paramref name="word"/>.</summary>
    protected bool Is(string word) => Term.Buffer.AsSpan(0, Term.Length).SequenceEqual(word);

    /// <summary>Whether the current word starts with <paramref name="prefix"/>.</summary>
    protected bool StartsWith(string prefix) => Term.Buffer.AsSpan(0, Term.Length).StartsWith(prefix, StringComparison.Ordinal);
}
