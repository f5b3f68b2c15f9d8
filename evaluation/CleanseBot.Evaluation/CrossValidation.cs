using System.Globalization;
using System.Text;

namespace CleanseBot.Evaluation;

/// <summary>
/// How the answerability model does on sets it never saw: for each training set, a model trained on the others decides
/// its messages. The best candidate answers when its confidence in words reaches the answering threshold and, with the
/// model, when the model's probability reaches each cut; otherwise the message is refused. A rough view of the search's
/// part only ("did you mean" and follow-ups aside): the evaluation proper runs the whole dialog.
/// </summary>
internal static class CrossValidation
{
    private static readonly double[] Cuts = [0.2, 0.3, 0.4, 0.5];

    public static string Run(IReadOnlyList<AnswerabilityTraining.Example> examples, double threshold)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"Each set with a model trained on the others: answered right / refused when uncovered (answering threshold {threshold:F2})");
        text.Append("set              words alone    ");
        foreach (var cut in Cuts)
        {
            text.Append(culture, $"   model ≥ {cut:F1}    ");
        }

        text.AppendLine();
        foreach (var set in examples.Select(static example => example.Set).Distinct(StringComparer.Ordinal))
        {
            var held = examples.Where(example => example.Set == set).ToList();
            var model = AnswerabilityTraining.Train([.. examples.Where(example => example.Set != set)], "cross-validation", []);
            var (right, refused) = Score(held, static _ => true, threshold);
            text.Append(culture, $"{set,-16} {right,6:P1} / {refused,6:P1}");
            foreach (var cut in Cuts)
            {
                (right, refused) = Score(held, example => model.Probability(example.Signals, example.Words) >= cut, threshold);
                text.Append(culture, $"  {right,6:P1} / {refused,6:P1}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static (double Right, double Refused) Score(List<AnswerabilityTraining.Example> examples, Func<AnswerabilityTraining.Example, bool> passes, double threshold)
    {
        int answerable = 0, right = 0, uncovered = 0, refused = 0;
        foreach (var example in examples)
        {
            var answers = example.Signals.LexicalConfidence >= threshold && passes(example);
            if (example.Expected is null)
            {
                uncovered++;
                refused += answers ? 0 : 1;
            }
            else
            {
                answerable++;
                right += answers && example.Answers ? 1 : 0;
            }
        }

        return (answerable == 0 ? 0 : (double)right / answerable, uncovered == 0 ? 0 : (double)refused / uncovered);
    }
}
