using System.Globalization;

namespace CleanseBot.Evaluation;

/// <summary>One labelled message of <c>evaluation/questions.tsv</c>.</summary>
internal sealed record EvaluationCase(int Line, string Expected, string Category, string Message, string? Previous)
{
    public const string None = "none";
    public const string RedFlag = "red-flag";

    public int? ExpectedPairId => int.TryParse(Expected, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public bool IsAnswerable => ExpectedPairId is not null;
}

/// <summary>Reads the evaluation set: tab-separated <c>expected, category, message, previous</c>, <c>#</c> comments.</summary>
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
            if (expected is not (EvaluationCase.None or EvaluationCase.RedFlag) && !int.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException($"{path}:{i + 1}: expected must be a pair id, '{EvaluationCase.None}' or '{EvaluationCase.RedFlag}', not '{expected}'");
            }

            var previous = fields.Length == 4 && fields[3].Trim().Length > 0 ? fields[3].Trim() : null;
            cases.Add(new EvaluationCase(i + 1, expected, fields[1].Trim(), fields[2], previous));
        }

        return cases;
    }
}
