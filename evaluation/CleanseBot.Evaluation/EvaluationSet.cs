using System.Globalization;
using CleanseBot.Answering;

namespace CleanseBot.Evaluation;

/// <summary>One labelled message of <c>evaluation/questions.tsv</c>.</summary>
internal sealed record EvaluationCase(int Line, string Expected, string Category, string Message, string? Previous)
{
    public const string None = "none";
    public const string RedFlag = "red-flag";

    /// <summary>A warning sign that needs urgent care or an emergency service: infection with fever, the airway, the eye.</summary>
    public const string UrgentRedFlag = "red-flag-urgent";

    /// <summary>A message that may sound alarming but describes no warning sign: answered or refused, never sent to a doctor.</summary>
    public const string Calm = "calm";

    public static readonly IReadOnlyList<string> Labels = [None, RedFlag, UrgentRedFlag, Calm];

    public int? ExpectedPairId => int.TryParse(Expected, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public bool IsAnswerable => ExpectedPairId is not null;

    public bool IsWarningSign => Expected is RedFlag or UrgentRedFlag;
}

/// <summary>
/// Reads an evaluation set: tab-separated <c>expected, category, message, previous</c>, <c>#</c> comments. Expected is
/// a pair id or one of <see cref="EvaluationCase.Labels"/>.
/// </summary>
internal static class EvaluationSet
{
    public static IReadOnlyList<EvaluationCase> Load(string path)
    {
        var cases = new List<EvaluationCase>();
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length is < 3 or > 4)
            {
                throw new FormatException($"{path}:{i + 1}: expected 3 or 4 tab-separated fields, found {fields.Length}");
            }

            var expected = fields[0].Trim();
            if (!EvaluationCase.Labels.Contains(expected) && !int.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException($"{path}:{i + 1}: expected must be a pair id or one of {string.Join(", ", EvaluationCase.Labels)}, not '{expected}'");
            }

            var previous = fields.Length == 4 && fields[3].Trim().Length > 0 ? fields[3].Trim() : null;
            cases.Add(new EvaluationCase(i + 1, expected, fields[1].Trim(), fields[2], previous));
        }

        return cases;
    }
}
