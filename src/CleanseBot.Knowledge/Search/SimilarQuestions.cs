using CleanseBot.Knowledge.Model;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Re-orders Lucene's candidates by meaning as well as words when the best of them is not a clear answer: each
/// candidate's confidence is blended with how close in meaning (<see cref="WordVectors"/>) the message is to the
/// pair's closest question, and the candidates are put in the blend's order; but they keep Lucene's confidences (the
/// first takes the best, the second the second best, ...). Meaning thus decides which pair comes first, never whether
/// to answer or to ask "did you mean": a message about something else ("how do I contour my face") can still be near
/// some question in meaning, and a close call in words stays a close call. A pair's questions are read the first
/// time a search reaches it.
/// </summary>
internal sealed class SimilarQuestions
{
    // How much meaning counts against the lexical confidence in the order: (confidence + w × similarity) / (1 + w).
    // Measured on both evaluation sets and the leave-one-out check (evaluation/README.md).
    private const double Weight = 0.25;

    // A clear lexical answer is not second-guessed: the vectors know topics, not the detail that separates two pairs
    // on one topic.
    private const double UnsureBelow = 0.9;

    private readonly Lazy<WordVectors> _vectors;
    private readonly IReadOnlyList<QnaPair> _pairs;

    // Each pair's question vectors, filled the first time a search reaches the pair. A plain array rather than a
    // Lazy per pair, which cost memory for every pair of a large knowledge before any search. Two threads reaching a
    // pair at once both read it; either result serves, they are the same.
    private readonly float[]?[] _questions;
    private readonly KnowledgeAnalyzer _analyzer;

    /// <param name="analyzer">The chain messages are read with, without synonyms: a question means what its own words mean.</param>
    public SimilarQuestions(IReadOnlyList<QnaPair> pairs, Lazy<WordVectors> vectors, KnowledgeAnalyzer analyzer)
    {
        _vectors = vectors;
        _analyzer = analyzer;
        _pairs = pairs;
        _questions = new float[]?[pairs.Count];
    }

    /// <summary>
    /// How close in meaning the message read as <paramref name="terms"/> is to the closest question of each pair at
    /// <paramref name="pairIndexes"/>, into <paramref name="similarities"/> (0 when the vectors know none of its words).
    /// </summary>
    public void Measure(ReadOnlySpan<int> pairIndexes, List<QueryTerm> terms, Span<double> similarities)
    {
        similarities.Clear();
        var vectors = _vectors.Value;
        Span<float> message = stackalloc float[vectors.Dimensions];
        message.Clear();
        var known = false;
        foreach (var term in terms)
        {
            known |= vectors.Add(term.Text, message);
        }

        if (!known)
        {
            return;
        }

        WordVectors.Normalise(message);
        for (var i = 0; i < similarities.Length; i++)
        {
            similarities[i] = Closest(message, Questions(pairIndexes[i]));
        }
    }

    /// <summary>Re-orders <paramref name="candidates"/> by their confidence blended with their <paramref name="similarities"/> (from <see cref="Measure"/>), when the best is not a clear answer.</summary>
    public static void Reorder(List<SearchCandidate> candidates, ReadOnlySpan<double> similarities)
    {
        var lexicalBest = 0.0;
        foreach (var candidate in candidates)
        {
            lexicalBest = Math.Max(lexicalBest, candidate.Confidence);
        }

        if (lexicalBest >= UnsureBelow || lexicalBest == 0 || !similarities.ContainsAnyExcept(0.0))
        {
            return;
        }

        var count = candidates.Count;
        // On the stack for the few candidates a turn weighs; a caller asking for thousands must not overflow it.
        var onStack = count <= KnowledgeIndex.MaxCandidatesOnStack;
        Span<double> confidences = onStack ? stackalloc double[count] : new double[count];
        Span<double> blended = onStack ? stackalloc double[count] : new double[count];
        Span<int> order = onStack ? stackalloc int[count] : new int[count];
        for (var i = 0; i < count; i++)
        {
            confidences[i] = candidates[i].Confidence;
            blended[i] = Blend(candidates[i].Confidence, similarities[i]);
            order[i] = i;
        }

        // The candidate the blend puts k-th takes the k-th best of Lucene's confidences: the order is meaning's and
        // words', the confidences and the gaps between them, which decide whether to answer or ask, are the words'.
        confidences.Sort(static (a, b) => b.CompareTo(a));
        for (var i = 1; i < count; i++)
        {
            var moving = order[i];
            var j = i - 1;
            for (; j >= 0 && blended[order[j]] < blended[moving]; j--)
            {
                order[j + 1] = order[j];
            }

            order[j + 1] = moving;
        }

        var rescored = new SearchCandidate[count];
        for (var rank = 0; rank < count; rank++)
        {
            var i = order[rank];
            rescored[i] = candidates[i] with { Confidence = confidences[rank], Similarity = similarities[i] };
        }

        for (var i = 0; i < count; i++)
        {
            candidates[i] = rescored[i];
        }
    }

    private static double Blend(double confidence, double similarity) => Math.Max(0, (confidence + (Weight * similarity)) / (1 + Weight));

    private float[] Questions(int pairIndex)
    {
        var questions = Volatile.Read(ref _questions[pairIndex]);
        if (questions is null)
        {
            questions = Read(_pairs[pairIndex]);
            Interlocked.CompareExchange(ref _questions[pairIndex], questions, null);
        }

        return questions;
    }

    // The pair's questions' vectors, one after another; a question with no word the vectors know has none.
    private float[] Read(QnaPair pair)
    {
        var vectors = _vectors.Value;
        var all = new List<float>();
        var vector = new float[vectors.Dimensions];
        foreach (var question in pair.AlternateQuestions.Prepend(pair.Question))
        {
            Array.Clear(vector);
            var known = false;
            foreach (var term in _analyzer.Terms(question).Distinct(StringComparer.Ordinal))
            {
                known |= vectors.Add(term, vector);
            }

            if (known)
            {
                WordVectors.Normalise(vector);
                all.AddRange(vector);
            }
        }

        return [.. all];
    }

    // The cosine with the pair's closest question, or 0 when none is closer than unrelated.
    private static double Closest(ReadOnlySpan<float> message, ReadOnlySpan<float> questions)
    {
        var best = 0.0;
        for (var start = 0; start + message.Length <= questions.Length; start += message.Length)
        {
            best = Math.Max(best, WordVectors.Cosine(message, questions.Slice(start, message.Length)));
        }

        return best;
    }
}
