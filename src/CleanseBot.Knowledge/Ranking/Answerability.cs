namespace CleanseBot.Knowledge.Ranking;

/// <summary>How likely the best candidate of a search is to answer the message, by the learned model, and why.</summary>
public sealed class Answerability
{
    private readonly AnswerabilityModel _model;
    private readonly CandidateSignals _signals;
    private readonly IReadOnlyList<string> _words;

    public Answerability(AnswerabilityModel model, CandidateSignals signals, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(words);
        _model = model;
        _signals = signals;
        _words = words;
        Probability = model.Probability(signals, words);
    }

    /// <summary>The probability, 0 to 1, that the best candidate answers the message.</summary>
    public double Probability { get; }

    /// <summary>Each signal's and word's part in the decision, in log-odds, largest first (see <see cref="AnswerabilityModel.Explain"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Explain() => _model.Explain(_signals, _words);
}
