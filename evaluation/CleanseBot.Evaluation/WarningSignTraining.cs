using System.Globalization;
using System.Text;
using CleanseBot.Answering;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Concepts;

namespace CleanseBot.Evaluation;

/// <summary>
/// Trains the warning-sign model (<see cref="WarningSignModel"/>): every message of the training sets, as the concepts
/// of <c>knowledge/warning-signs.txt</c> it holds, labelled by whether it describes a warning sign, and every question
/// of the knowledge as an ordinary one; and its reading of urgency on the warning signs of the sets that say which
/// are urgent (the older sets label every sign alike). A follow-up is read alone, as the bot reads it.
/// </summary>
internal static class WarningSignTraining
{
    // Stronger than the answerability model's: the features are many sparse concepts and words, and the signs few.
    private const float L2Regularization = 2f;

    // The meaning vector's values are a unit vector's, a few tenths at most, where a concept or a word is 1: scaled up
    // so that the same regularisation lets its weights grow as far. Chosen by cross-validation by set (2 against 1, 3 and 6:
    // evaluation/README.md, "Meaning and the veto"); the weights are stored unscaled, for the unscaled vector.
    private const float MeaningScale = 2f;

    // A message's word pieces (WordPieces) count 1 / √(their number) each, so together they weigh what one word does:
    // scaled up so that they can outweigh the few whole words they stand for. Chosen by cross-validation by set (4
    // against 1, 2, 6 and 8: evaluation/README.md, "Word pieces"); the weights are stored unscaled.
    private const float PieceScale = 4f;

    /// <summary>
    /// One training example: the concepts a message holds, its words, their pieces and its meaning, whether it is a warning sign and
    /// an urgent one, whether its set tells urgent signs apart, what the file's rules make of it, and its set.
    /// </summary>
    public sealed record Example(string Set, bool[] Present, IReadOnlyList<string> Words, IReadOnlyList<string> Pieces, long[] PieceNumbers, float[] Meaning, bool IsWarningSign, bool IsUrgent, bool SetLabelsUrgency, bool RuleMatches, bool RuleUrgent, bool RuleMayBeOverruled);

    // The knowledge's own questions and alternates, every one an ordinary question the guide answers.
    private const string KnowledgeQuestions = "knowledge";

    /// <summary>The examples of <paramref name="sets"/>, and every question of <paramref name="knowledge"/> as a calm one.</summary>
    public static IReadOnlyList<Example> Examples(KnowledgeBase knowledge, IReadOnlyList<(string Set, IReadOnlyList<EvaluationCase> Cases)> sets)
    {
        var rules = knowledge.WarningSigns!;
        Example Read(string set, string message, string expected, bool setLabelsUrgency)
        {
            var match = rules.Match(message, out var present, out var words);
            var isWarningSign = expected is EvaluationCase.RedFlag or EvaluationCase.UrgentRedFlag;
            return new(set, present, words, WordPieces.Of(message), WordPieces.Numbers(message), rules.Meaning(message), isWarningSign, expected == EvaluationCase.UrgentRedFlag, setLabelsUrgency, match is not null,
                match is not null && RedFlags.For(match).Urgent, match is not null && RedFlags.MayBeOverruled(match));
        }

        return
        [
            .. sets.SelectMany(set =>
            {
                var labelsUrgency = set.Cases.Any(static evaluationCase => evaluationCase.Expected == EvaluationCase.UrgentRedFlag);
                return set.Cases.Select(evaluationCase => Read(set.Set, evaluationCase.Message, evaluationCase.Expected, labelsUrgency));
            }),
            .. knowledge.Pairs.SelectMany(static pair => pair.AlternateQuestions.Prepend(pair.Question))
                .Select(question => Read(KnowledgeQuestions, question, EvaluationCase.None, setLabelsUrgency: false)),
        ];
    }

    public static WarningSignModel Train(ConceptRules rules, IReadOnlyList<Example> examples, string fingerprint, IReadOnlyList<string> trainedOn)
    {
        var warning = Fit(rules, examples, static example => example.IsWarningSign, withWords: true, withPieces: true);
        // Concepts and pieces: the urgent signs are a few hundred, too few to learn whole words or the meaning from, but the
        // pieces of the words that matter ("fever", "eye", "throat", "breathe") recur across many of them however they
        // are spelt (evaluation/README.md, "Word pieces").
        var urgency = Fit(rules, [.. examples.Where(static example => example.IsWarningSign && example.SetLabelsUrgency)], static example => example.IsUrgent, withWords: false, withPieces: true);
        return new WarningSignModel(new WarningSignModel.ModelFile(fingerprint, trainedOn, warning, urgency));
    }

    private static WarningSignModel.Reading Fit(ConceptRules rules, IReadOnlyList<Example> examples, Func<Example, bool> label, bool withWords, bool withPieces)
    {
        var concepts = rules.Concepts.Count;
        var words = new WordFeatures(withWords ? examples.Select(static example => example.Words) : [], firstColumn: concepts);
        var pieces = new WordFeatures(withPieces ? examples.Select(static example => example.Pieces) : [], firstColumn: concepts + words.Count);
        var meaningColumn = concepts + words.Count + pieces.Count;
        var dimensions = withWords ? examples[0].Meaning.Length : 0;
        float[] Features(Example example)
        {
            var features = new float[meaningColumn + dimensions];
            if (example.Pieces.Count > 0)
            {
                pieces.Set(example.Pieces, features, PieceScale / MathF.Sqrt(example.Pieces.Count));
            }

            for (var d = 0; d < dimensions; d++)
            {
                features[meaningColumn + d] = MeaningScale * example.Meaning[d];
            }

            for (var i = 0; i < concepts; i++)
            {
                features[i] = example.Present[i] ? 1f : 0f;
            }

            words.Set(example.Words, features);
            return features;
        }

        var (weights, bias) = LogisticRegression.Fit([.. examples.Select(example => (Features(example), label(example)))], L2Regularization);
        var byConcept = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < concepts; i++)
        {
            byConcept[rules.Concepts[i]] = weights[i];
        }

        return new WarningSignModel.Reading(byConcept, bias, withWords ? words.Weights(weights) : null,
            dimensions > 0 ? [.. weights.Skip(meaningColumn).Select(static weight => Math.Round(weight * MeaningScale, 6))] : null,
            pieces.Count > 0 ? pieces.Weights(weights, PieceScale) : null);
    }

    /// <summary>
    /// For each set of warning signs, a model trained on the other sets: the share of its warning signs referred and
    /// of its calm messages flagged, by the file's rules alone, with the model's referrals added at each cut, and at the
    /// bot's <paramref name="threshold"/> with the rules' referrals the model may overrule (<see cref="RedFlags.MayBeOverruled"/>)
    /// dropped when it reads them as below each veto, as the bot drops them.
    /// </summary>
    public static string CrossValidate(ConceptRules rules, IReadOnlyList<Example> examples, double threshold)
    {
        double[] cuts = [0.6, 0.7, 0.8];
        double[] vetoes = [0.02, 0.05, 0.1];
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"Warning signs, each set with a model trained on the others: referred / calm flagged (the last columns: model ≥ {threshold:F2}, rules vetoed below)");
        text.Append("set                  rules alone   ");
        foreach (var cut in cuts)
        {
            text.Append(culture, $"   + model ≥ {cut:F1}  ");
        }

        foreach (var veto in vetoes)
        {
            text.Append(culture, $"   veto < {veto:F2}    ");
        }

        text.AppendLine();
        foreach (var set in examples.Where(static example => example.IsWarningSign).Select(static example => example.Set).Distinct(StringComparer.Ordinal))
        {
            var model = Train(rules, [.. examples.Where(example => example.Set != set)], "cross-validation", []);
            var held = examples.Where(example => example.Set == set).ToList();
            double Probability(Example example) => model.Probability(rules.Concepts, example.Present, example.Words, example.PieceNumbers, example.Meaning);
            var (referred, flagged) = Score(held, static example => example.RuleMatches);
            text.Append(culture, $"{set,-20} {referred,6:P1} / {flagged,5:P1}");
            foreach (var cut in cuts)
            {
                (referred, flagged) = Score(held, example => example.RuleMatches || Probability(example) >= cut);
                text.Append(culture, $"   {referred,6:P1} / {flagged,5:P1}");
            }

            foreach (var veto in vetoes)
            {
                (referred, flagged) = Score(held, example => Probability(example) is var probability
                    && (probability >= threshold || (example.RuleMatches && (probability >= veto || !example.RuleMayBeOverruled))));
                text.Append(culture, $"   {referred,6:P1} / {flagged,5:P1}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>
    /// For each set that tells urgent signs apart, a model trained on the others: of its urgent signs, the share given
    /// the urgent wording, and of its other signs, the share given it needlessly; by the rules alone and with the
    /// urgency reading at each cut.
    /// </summary>
    public static string CrossValidateUrgency(ConceptRules rules, IReadOnlyList<Example> examples)
    {
        double[] cuts = [0.3, 0.4, 0.5, 0.6];
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("Urgency, each set with a model trained on the others: urgent signs in urgent wording / other signs in it");
        text.Append("set                  rules alone   ");
        foreach (var cut in cuts)
        {
            text.Append(culture, $"   + model ≥ {cut:F1}  ");
        }

        text.AppendLine();
        foreach (var set in examples.Where(static example => example.IsUrgent).Select(static example => example.Set).Distinct(StringComparer.Ordinal))
        {
            var model = Train(rules, [.. examples.Where(example => example.Set != set)], "cross-validation", []);
            var signs = examples.Where(example => example.Set == set && example.IsWarningSign).ToList();
            var urgent = signs.Where(static example => example.IsUrgent).ToList();
            var others = signs.Where(static example => !example.IsUrgent).ToList();
            double Share(List<Example> of, Func<Example, bool> urgentWording) => of.Count == 0 ? 0 : (double)of.Count(urgentWording) / of.Count;
            text.Append(culture, $"{set,-20} {Share(urgent, static e => e.RuleUrgent),6:P1} / {Share(others, static e => e.RuleUrgent),5:P1}");
            foreach (var cut in cuts)
            {
                bool Urgent(Example example) => example.RuleUrgent || model.UrgencyProbability(rules.Concepts, example.Present, example.PieceNumbers) >= cut;
                text.Append(culture, $"   {Share(urgent, Urgent),6:P1} / {Share(others, Urgent),5:P1}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static (double Referred, double Flagged) Score(List<Example> examples, Func<Example, bool> refers)
    {
        var signs = examples.Where(static example => example.IsWarningSign).ToList();
        var others = examples.Where(static example => !example.IsWarningSign).ToList();
        return (signs.Count == 0 ? 0 : (double)signs.Count(refers) / signs.Count, others.Count == 0 ? 0 : (double)others.Count(refers) / others.Count);
    }
}
