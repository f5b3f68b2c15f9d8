using Lucene.Net.Index;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// One thread's working memory for <see cref="QuestionQuery"/>: per document the score so far and which query
/// terms it holds, and Lucene's term and postings enumerators, reused from search to search. Creating those per
/// clause and per search is what made a Lucene search allocate hundreds of kilobytes on a 67-document index.
/// Never shared between threads.
/// </summary>
internal sealed class SearchScratch
{
    private readonly AtomicReader _reader;
    private readonly string[] _fields;
    private readonly TermsEnum?[] _termsEnums;
    private readonly DocsEnum?[] _docs;
    private readonly DocsAndPositionsEnum?[] _leadPositions;
    private readonly DocsAndPositionsEnum?[] _followPositions;
    private readonly ulong[] _touched;
    private readonly PriorityQueue<int, (double Sum, int Doc)> _best = new(LowestFirst.Instance);
    private int[] _bestDocs = [];

    public SearchScratch(AtomicReader reader, string[] fields)
    {
        _reader = reader;
        _fields = fields;
        _termsEnums = new TermsEnum?[fields.Length];
        _docs = new DocsEnum?[fields.Length];
        _leadPositions = new DocsAndPositionsEnum?[fields.Length];
        _followPositions = new DocsAndPositionsEnum?[fields.Length];
        var documents = reader.MaxDoc;
        Sums = new double[documents];
        InPair = new uint[documents];
        InQuestions = new uint[documents];
        _touched = new ulong[(documents + 63) >> 6];
    }

    /// <summary>The sum of the clause scores of each touched document, in double as Lucene's BooleanScorer sums them.</summary>
    public double[] Sums { get; }

    /// <summary>Per touched document, bit i set when query term i is anywhere in the pair.</summary>
    public uint[] InPair { get; }

    /// <summary>Per touched document, bit i set when query term i is in the pair's question or alternates.</summary>
    public uint[] InQuestions { get; }

    public int[] LeadPositions { get; set; } = new int[16];

    public int[] FollowPositions { get; set; } = new int[16];

    public bool IsTouched(int doc) => (_touched[doc >> 6] & (1UL << doc)) != 0;

    /// <summary>Adds a clause's score to a document; the first clause to reach it starts its sum and term sets.</summary>
    public void Add(int doc, float score)
    {
        ref var word = ref _touched[doc >> 6];
        var bit = 1UL << doc;
        if ((word & bit) == 0)
        {
            word |= bit;
            Sums[doc] = score;
            InPair[doc] = 0;
            InQuestions[doc] = 0;
        }
        else
        {
            Sums[doc] += score;
        }
    }

    /// <summary>The first touched document at or after <paramref name="from"/>, or -1.</summary>
    public int NextTouched(int from)
    {
        var index = from >> 6;
        if (index >= _touched.Length)
        {
            return -1;
        }

        var word = _touched[index] & (ulong.MaxValue << from);
        while (word == 0)
        {
            if (++index == _touched.Length)
            {
                return -1;
            }

            word = _touched[index];
        }

        return (index << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
    }

    public void Clear() => Array.Clear(_touched);

    /// <summary>The <paramref name="count"/> touched documents with the highest sums so far, ascending by document.</summary>
    public ReadOnlySpan<int> Best(int count)
    {
        _best.Clear();
        for (var doc = NextTouched(0); doc >= 0; doc = NextTouched(doc + 1))
        {
            if (_best.Count < count)
            {
                _best.Enqueue(doc, (Sums[doc], doc));
            }
            else
            {
                _best.EnqueueDequeue(doc, (Sums[doc], doc));
            }
        }

        if (_bestDocs.Length < _best.Count)
        {
            _bestDocs = new int[count];
        }

        var docs = _bestDocs.AsSpan(0, _best.Count);
        for (var i = 0; _best.Count > 0; i++)
        {
            docs[i] = _best.Dequeue();
        }

        docs.Sort();
        return docs;
    }

    public DocsEnum Docs(int field, IndexedTerm term)
    {
        var termsEnum = Seek(field, term);
        return _docs[field] = termsEnum.Docs(null, _docs[field], DocsFlags.FREQS);
    }

    public DocsAndPositionsEnum Positions(int field, IndexedTerm term, bool lead)
    {
        var termsEnum = Seek(field, term);
        var reuse = lead ? _leadPositions : _followPositions;
        return reuse[field] = termsEnum.DocsAndPositions(null, reuse[field], DocsAndPositionsFlags.NONE);
    }

    private TermsEnum Seek(int field, IndexedTerm term)
    {
        var termsEnum = _termsEnums[field] ??= _reader.GetTerms(_fields[field]).GetEnumerator();
        termsEnum.SeekExact(term.Bytes, term.States[field]);
        return termsEnum;
    }

    // The lowest sum first, and on equal sums the later document: the first to leave a best-of list.
    private sealed class LowestFirst : IComparer<(double Sum, int Doc)>
    {
        public static LowestFirst Instance { get; } = new();

        public int Compare((double Sum, int Doc) x, (double Sum, int Doc) y) =>
            x.Sum != y.Sum ? x.Sum.CompareTo(y.Sum) : y.Doc.CompareTo(x.Doc);
    }
}
