using System.Globalization;

namespace CleanseBot.Benchmarks;

/// <summary>The visitor messages of <c>evaluation/questions.tsv</c> (copied next to this binary), by what the bot should do with them.</summary>
internal static class RealQuestions
{
    private static readonly Lazy<IReadOnlyList<(string Expected, string Category, string Message)>> Rows = new(Read);

    /// <summary>Messages the guide answers (expected = a pair id): paraphrases, casual, misspelled, long and follow-up wording.</summary>
    public static IReadOnlyList<string> Answerable => Where(row => IsPairId(row.Expected));

    /// <summary>Answerable messages with realistic typos: these go through spelling correction.</summary>
    public static IReadOnlyList<string> Misspelled => Where(row => IsPairId(row.Expected) && row.Category == "misspelled");

    /// <summary>Messages the guide does not cover (expected = none): the bot must refuse them.</summary>
    public static IReadOnlyList<string> Uncovered => Where(row => row.Expected == "none");

    /// <summary>Messages that describe warning signs (expected = red-flag): the bot must send them to a doctor first.</summary>
    public static IReadOnlyList<string> WarningSigns => Where(row => row.Expected == "red-flag");

    private static string[] Where(Func<(string Expected, string Category, string Message), bool> wanted) =>
        [.. Rows.Value.Where(wanted).Select(row => row.Message)];

    private static bool IsPairId(string expected) => int.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static List<(string, string, string)> Read()
    {
        var rows = new List<(string, string, string)>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "questions.tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            if (line.StartsWith('#') || fields.Length < 3)
            {
                continue;
            }

            rows.Add((fields[0].Trim(), fields[1].Trim(), fields[2].Trim()));
        }

        return rows;
    }
}
