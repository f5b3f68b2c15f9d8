using System.ComponentModel.DataAnnotations;

namespace CleanseBot.Answering;

/// <summary>
/// The optional MiniLM re-ranker over Lucene's candidates. Section "Reranker" of appsettings.json.
/// Off by default: it answers paraphrases far better (evaluation/README.md) but loads a ~90 MB model, takes a few
/// seconds after start-up to encode the knowledge, and costs a few milliseconds of CPU per message it re-ranks.
/// </summary>
public sealed class RerankerOptions
{
    public const string SectionName = "Reranker";

    public bool Enabled { get; set; }

    /// <summary>How much meaning counts against Lucene: confidence = (lexical + Weight × similarity) / (1 + Weight).</summary>
    [Range(0.0, 10.0)]
    public double Weight { get; set; } = 0.75;

    /// <summary>Lucene's answers at or above this confidence are clear enough; the model is consulted only below it.</summary>
    [Range(0.0, 1.0)]
    public double UnsureBelow { get; set; } = 0.9;
}
