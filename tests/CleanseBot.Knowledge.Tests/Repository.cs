using System.Globalization;
using System.Text.Json;

namespace CleanseBot.Knowledge.Tests;

/// <summary>Things the tests read from the repository itself rather than from the test binary's folder.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    private static readonly Lazy<double> Threshold = new(ReadConfidenceThreshold);

    /// <summary>The folder holding CleanseBot.sln.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>The bot answers when the best candidate's confidence reaches this (appsettings.json, <c>Answering:ConfidenceThreshold</c>).</summary>
    public static double AnsweringThreshold => Threshold.Value;

    /// <summary>Every message of evaluation/questions.tsv, in order.</summary>
    public static IEnumerable<string> EvaluationMessages() =>
        File.ReadLines(Path.Combine(Root, "evaluation", "questions.tsv"))
            .Skip(1)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 3)
            .Select(fields => fields[2]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CleanseBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds CleanseBot.sln.");
    }

    private static double ReadConfidenceThreshold()
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "appsettings.json")), options);
        var threshold = settings.RootElement.GetProperty("Answering").GetProperty("ConfidenceThreshold").GetDouble();
        return threshold is > 0 and <= 1
            ? threshold
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Answering:ConfidenceThreshold is {threshold}, not in (0, 1]."));
    }
}
