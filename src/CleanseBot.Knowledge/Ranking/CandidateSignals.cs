namespace CleanseBot.Knowledge.Ranking;

/// <summary>
/// What the search measured about one candidate for a message: the evidence the learned answerability model
/// (<see cref="AnswerabilityModel"/>) weighs. Each is a general signal of how well a pair answers a message, none is
/// about a particular phrasing; the trace shows them so that a reader sees why a pair was or was not answered.
/// </summary>
public sealed record CandidateSignals
{
    /// <summary>The names of <see cref="Features"/>, in order; the model file names its weights with them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "lexical-confidence",
        "bm25",
        "bm25-of-best",
        "coverage",
        "closest-question",
        "same-question",
        "known-share",
        "on-topic-share",
        "asking-covered",
        "visitor-words-only",
        "meaning",
        "meaning-of-best-other",
        "lead-over-others",
        "corrected-share",
        "words",
        "missing-focus",
        "missing-known-share",
    ];

    /// <summary>The hand-weighed confidence of words alone: BM25 × coverage × on-topic share, squashed to [0, 1).</summary>
    public double LexicalConfidence { get; init; }

    /// <summary>Lucene's BM25 score of the pair for the message.</summary>
    public double Bm25 { get; init; }

    /// <summary>This pair's BM25 score over the best candidate's, 0 to 1.</summary>
    public double Bm25OfBest { get; init; }

    /// <summary>How much of the message the pair covers (its words anywhere, and its closest question), 0 to 1.</summary>
    public double Coverage { get; init; }

    /// <summary>How closely the pair's closest question matches the message's words, 0 to 1.</summary>
    public double ClosestQuestion { get; init; }

    /// <summary>Whether one of the pair's questions says what the message says, shape and all.</summary>
    public bool SameQuestion { get; init; }

    /// <summary>Share of the message's weight in words the knowledge uses at all.</summary>
    public double KnownShare { get; init; }

    /// <summary>Share of the message's weight in words the knowledge uses or everybody uses.</summary>
    public double OnTopicShare { get; init; }

    /// <summary>Share of the asking sentence's weight that the pair holds (of the whole message when no sentence asks).</summary>
    public double AskingCovered { get; init; }

    /// <summary>Whether the pair meets the message only in visitors' words, none of the guide's own text.</summary>
    public bool VisitorWordsOnly { get; init; }

    /// <summary>Cosine of the message with the pair's closest question in the word vectors, 0 to 1.</summary>
    public double Meaning { get; init; }

    /// <summary>The best <see cref="Meaning"/> among the other candidates.</summary>
    public double MeaningOfBestOther { get; init; }

    /// <summary>This pair's lexical confidence less the best of the other candidates'; negative when another leads.</summary>
    public double LeadOverOthers { get; init; }

    /// <summary>Share of the message's weight in words the spelling corrector changed.</summary>
    public double CorrectedShare { get; init; }

    /// <summary>How many words (terms) the message has after analysis.</summary>
    public int Words { get; init; }

    /// <summary>
    /// The weight of the rarest word of the message the pair lacks, over the weight of a word no pair uses (0 to 1),
    /// everyday words the knowledge lacks aside: high when the message is about something the pair does not mention.
    /// </summary>
    public double MissingFocus { get; init; }

    /// <summary>Share of the message's weight in words the knowledge uses elsewhere but this pair lacks.</summary>
    public double MissingKnownShare { get; init; }

    /// <summary>
    /// The passage classifier's probability that the message asks about this pair (<see cref="PassageClassifier"/>),
    /// once the passage ranker has read the message; null before, or when the classifier does not know the pair. Not
    /// among <see cref="Names"/>: the ranker weighs it as its own feature, and the answerability model after them.
    /// </summary>
    // Set in place by the ranker on the signals its search just made, rather than copied: a turn orders some 30 candidates.
    public double? PassageProbability { get; internal set; }

    /// <summary>The signals as the model reads them, in the order of <see cref="Names"/>.</summary>
    public void Features(Span<double> features)
    {
        features[0] = LexicalConfidence;
        features[1] = Math.Log(1 + Bm25);
        features[2] = Bm25OfBest;
        features[3] = Coverage;
        features[4] = ClosestQuestion;
        features[5] = SameQuestion ? 1 : 0;
        features[6] = KnownShare;
        features[7] = OnTopicShare;
        features[8] = AskingCovered;
        features[9] = VisitorWordsOnly ? 1 : 0;
        features[10] = Meaning;
        features[11] = MeaningOfBestOther;
        features[12] = LeadOverOthers;
        features[13] = CorrectedShare;
        features[14] = Math.Log(1 + Words);
        features[15] = MissingFocus;
        features[16] = MissingKnownShare;
    }
}
