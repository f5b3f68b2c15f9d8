using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// What scoring needs from the index, read once after it is built: every term of the weighted fields with where
/// its postings start (a <see cref="TermState"/>, so a search never seeks the terms dictionary), each field's
/// length norms and BM25 length cache, and in how many pairs each term occurs anywhere. Read-only once built, so
/// searches on any thread share it.
/// </summary>
internal sealed class IndexedTerms
{
    private readonly Dictionary<string, IndexedTerm> _terms;

    private IndexedTerms(Dictionary<string, IndexedTerm> terms, FieldNorms[] norms, Dictionary<string, int> pairFrequency, int documentCount)
    {
        _terms = terms;
        Norms = norms;
        PairFrequency = pairFrequency;
        DocumentCount = documentCount;
    }

    /// <summary>The similarity the index is written and searched with: Lucene's BM25, whose parts scoring reuses.</summary>
    public static KnowledgeSimilarity Similarity { get; } = new();

    /// <summary>Per field (in <see cref="QuestionQuery.Fields"/> order), each document's length norm and the BM25 cache over norms.</summary>
    public FieldNorms[] Norms { get; }

    /// <summary>Term → number of pairs that use it in any field.</summary>
    public Dictionary<string, int> PairFrequency { get; }

    public int DocumentCount { get; }

    public bool TryGet(string text, out IndexedTerm term) => _terms.TryGetValue(text, out term!);

    public IEnumerable<IndexedTerm> All => _terms.Values;

    /// <param name="reader">The index's one segment; null when the knowledge is empty.</param>
    public static IndexedTerms Read(AtomicReader? reader, IReadOnlyList<string> fields)
    {
        var terms = new Dictionary<string, IndexedTerm>(StringComparer.Ordinal);
        var pairFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        if (reader is null)
        {
            return new IndexedTerms(terms, [], pairFrequency, 0);
        }

        var documentCount = reader.MaxDoc;
        var norms = new FieldNorms[fields.Count];
        var termsEnums = new TermsEnum?[fields.Count];
        for (var field = 0; field < fields.Count; field++)
        {
            norms[field] = FieldNorms.Read(reader, fields[field]);
            var termsEnum = termsEnums[field] = reader.GetTerms(fields[field])?.GetEnumerator();
            while (termsEnum?.MoveNext() == true)
            {
                var text = termsEnum.Term.Utf8ToString();
                if (!terms.TryGetValue(text, out var term))
                {
                    term = new IndexedTerm(new BytesRef(text), fields.Count);
                    terms.Add(text, term);
                }

                term.States[field] = termsEnum.GetTermState();
                term.DocFrequencies[field] = termsEnum.DocFreq;
            }
        }

        // A pair using a term in several fields counts once: the last term that counted each document is kept.
        var countedFor = new IndexedTerm?[documentCount];
        DocsEnum? docs = null;
        foreach (var (text, term) in terms)
        {
            for (var field = 0; field < fields.Count; field++)
            {
                if (term.States[field] is not { } state)
                {
                    continue;
                }

                var termsEnum = termsEnums[field]!;
                termsEnum.SeekExact(term.Bytes, state);
                docs = termsEnum.Docs(null, docs, DocsFlags.NONE);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    if (!ReferenceEquals(countedFor[doc], term))
                    {
                        countedFor[doc] = term;
                        term.PairFrequency++;
                    }
                }
            }

            pairFrequency.Add(text, term.PairFrequency);
        }

        return new IndexedTerms(terms, norms, pairFrequency, documentCount);
    }

    /// <summary>BM25 as Lucene computes it, with the parts a precomputed scorer needs made reachable.</summary>
    internal sealed class KnowledgeSimilarity : BM25Similarity
    {
        public float InverseDocumentFrequency(long documentFrequency, long documentCount) => Idf(documentFrequency, documentCount);

        // The freq-independent part of BM25 for every norm value, as BM25Similarity.ComputeWeight builds it.
        public float[] LengthCache(float averageLength)
        {
            var cache = new float[256];
            for (var i = 0; i < cache.Length; i++)
            {
                cache[i] = K1 * ((1 - B) + (B * DecodeNormValue((byte)i) / averageLength));
            }

            return cache;
        }
    }
}

/// <summary>One analysed term: where its postings are in each field (null where the field lacks it).</summary>
internal sealed class IndexedTerm(BytesRef bytes, int fieldCount)
{
    public BytesRef Bytes { get; } = bytes;

    public TermState?[] States { get; } = new TermState?[fieldCount];

    /// <summary>Per field, how many documents hold the term there (0 where none).</summary>
    public int[] DocFrequencies { get; } = new int[fieldCount];

    public int PairFrequency { get; set; }

    /// <summary>Set when the term is common (see <see cref="Search.Champions"/>): the pairs it scores best in.</summary>
    public Champions? Champions { get; set; }
}

/// <summary>A field's length norm per document and BM25's length factor per norm value.</summary>
internal sealed class FieldNorms(byte[] norms, float[] lengthCache)
{
    private readonly byte[] _norms = norms;
    private readonly float[] _lengthCache = lengthCache;

    public float LengthFactor(int doc) => _lengthCache[_norms[doc]];

    public static FieldNorms Read(AtomicReader reader, string field)
    {
        var norms = new byte[reader.MaxDoc];
        var values = reader.GetNormValues(field);
        if (values is not null)
        {
            for (var doc = 0; doc < norms.Length; doc++)
            {
                norms[doc] = (byte)((sbyte)values.Get(doc) & 0xFF);
            }
        }

        // As IndexSearcher.CollectionStatistics and BM25Similarity.AvgFieldLength compute it.
        var terms = reader.GetTerms(field);
        var sumTotalTermFreq = terms?.SumTotalTermFreq ?? 0;
        var averageLength = sumTotalTermFreq <= 0 ? 1f : (float)(sumTotalTermFreq / (double)reader.MaxDoc);
        return new FieldNorms(norms, IndexedTerms.Similarity.LengthCache(averageLength));
    }
}
