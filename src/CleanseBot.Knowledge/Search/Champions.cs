using Lucene.Net.Index;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// For a term in very many pairs, the pairs it scores highest in (its "champion list"), with that score. In large
/// knowledge the guide's common words ("pore", "skin", "cleanse") are in nearly every pair, and scoring every one of
/// their postings for every question was most of a search's time; a question's answers are among the pairs that
/// hold its words best, so a search reads a common term's champions instead of its postings. The term's score in any
/// other pair counts as zero, which is the approximation; knowledge with no term in more than
/// <see cref="CommonTermPairs"/> pairs (the real guide, and any knowledge up to that many pairs) has no champion
/// lists and is searched exactly.
/// </summary>
internal sealed class Champions
{
    /// <summary>A term in more pairs than this is common: it gets a champion list.</summary>
    public const int CommonTermPairs = 1024;

    /// <summary>How many pairs a champion list keeps.</summary>
    public const int Size = 256;

    private Champions(int[] docs, float[] scores, bool[] inQuestions)
    {
        Docs = docs;
        Scores = scores;
        InQuestions = inQuestions;
    }

    /// <summary>The champion documents, ascending.</summary>
    public int[] Docs { get; }

    /// <summary>The term's clause score in each champion document, exactly as a full search scores it.</summary>
    public float[] Scores { get; }

    /// <summary>Whether each champion holds the term in its question or alternates.</summary>
    public bool[] InQuestions { get; }

    /// <summary>Gives every common term of <paramref name="terms"/> its champion list.</summary>
    public static void Choose(IndexedTerms terms, AtomicReader reader)
    {
        var scratch = new SearchScratch(reader, QuestionQuery.Fields);
        var scorer = new ClauseScorer(terms, scratch);
        var best = new PriorityQueue<int, (float Score, int Doc)>(Size + 1, WorstFirst.Instance);
        foreach (var term in terms.All)
        {
            if (term.PairFrequency <= CommonTermPairs)
            {
                continue;
            }

            scratch.Clear();
            scorer.ScoreTerm(term, 1u);
            for (var doc = scratch.NextTouched(0); doc >= 0; doc = scratch.NextTouched(doc + 1))
            {
                best.Enqueue(doc, ((float)scratch.Sums[doc], doc));
                if (best.Count > Size)
                {
                    best.Dequeue();
                }
            }

            var docs = new int[best.Count];
            for (var i = 0; best.Count > 0; i++)
            {
                docs[i] = best.Dequeue();
            }

            Array.Sort(docs);
            var scores = new float[docs.Length];
            var inQuestions = new bool[docs.Length];
            for (var i = 0; i < docs.Length; i++)
            {
                scores[i] = (float)scratch.Sums[docs[i]];
                inQuestions[i] = scratch.InQuestions[docs[i]] != 0;
            }

            term.Champions = new Champions(docs, scores, inQuestions);
        }
    }

    // Lower score first, and on equal scores the later document, which Lucene's collector would also drop first.
    private sealed class WorstFirst : IComparer<(float Score, int Doc)>
    {
        public static WorstFirst Instance { get; } = new();

        public int Compare((float Score, int Doc) x, (float Score, int Doc) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Doc.CompareTo(x.Doc);
    }
}
