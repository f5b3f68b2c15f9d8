using System.Globalization;
using CleanseBot.Knowledge;

namespace CleanseBot.KnowledgeCheck;

/// <summary>
/// <c>dotnet run --project tools/CleanseBot.KnowledgeCheck -- knowledge/</c>: checks a knowledge folder without starting
/// the bot. Every mistake goes to standard error as <c>file:line: problem</c>, then a one-line summary. Exits with 0
/// when the folder is valid, 1 when it is not, and 2 for a command line it does not understand or a folder that does
/// not exist.
/// </summary>
internal static class KnowledgeCheckCommand
{
    public const string Usage = """
        Usage: dotnet run --project tools/CleanseBot.KnowledgeCheck -- FOLDER

          FOLDER   the knowledge folder to check (the .qna files, synonyms.txt, warning-signs.txt, out-of-scope.txt)
        """;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <param name="args">The command line.</param>
    /// <param name="output">Where the result of a valid folder is reported.</param>
    /// <param name="error">Where mistakes and usage problems are reported.</param>
    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args is ["-h" or "--help" or "-?"])
        {
            output.WriteLine(Usage);
            return 0;
        }

        if (args is not [var folder] || folder.StartsWith('-'))
        {
            error.WriteLine(args.Count == 0 ? "Which knowledge folder? Name one." : $"Expected one folder, not: {string.Join(' ', args)}");
            error.WriteLine(Usage);
            return 2;
        }

        if (!Directory.Exists(folder))
        {
            error.WriteLine($"The knowledge folder '{Path.GetFullPath(folder)}' does not exist.");
            return 2;
        }

        KnowledgeCheckResult result;
        try
        {
            result = Knowledge.KnowledgeCheck.Run(folder, CancellationToken.None);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(problem.Message);
            return 1;
        }

        if (!result.IsValid)
        {
            foreach (var problem in result.Problems)
            {
                error.WriteLine(problem.Message);
            }

            var files = result.Problems.Select(static problem => problem.File).Distinct(StringComparer.Ordinal).Count();
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Count(result.Problems.Count, "problem")} in {Count(files, "file")} of {Path.GetFullPath(folder)}; the bot would not start with it."));
            return 1;
        }

        var concepts = result.ConceptFiles.Count == 0 ? "no concept files" : string.Join(", ", result.ConceptFiles);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OK: {Count(result.PairCount, "pair")} with {Count(result.AlternateCount, "alternate")}; {concepts} read; {Path.GetFullPath(folder)}"));
        return 0;
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
