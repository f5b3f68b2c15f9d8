using CleanseBot.Knowledge.Concepts;
using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Parsing;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge;

/// <summary>
/// Checks a knowledge folder without starting the bot (tools/CleanseBot.KnowledgeCheck): everything that stops the
/// service at start-up, found with the same readers, but every mistake at once rather than the first.
/// </summary>
public static class KnowledgeCheck
{
    /// <summary>Reads every file of <paramref name="folder"/> the way <see cref="KnowledgeBase.Load"/> and the index build do.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no <c>.qna</c> files.</exception>
    public static KnowledgeCheckResult Run(string folder, CancellationToken cancellationToken)
    {
        var result = Read(folder, cancellationToken);
        if (!result.IsValid)
        {
            return result;
        }

        // What the service itself does at start-up, so that a folder this check passes is one the bot starts with.
        try
        {
            KnowledgeIndex.Build(KnowledgeBase.Load(folder, cancellationToken)).Dispose();
            return result;
        }
        catch (KnowledgeFormatException problem)
        {
            return result with { Problems = [problem] };
        }
    }

    /// <summary>
    /// <see cref="Run"/> without its last step, building the index: every mistake the files themselves hold. For a
    /// caller that builds the index itself next (the service's live reload), which then only meets what the build
    /// alone finds.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no <c>.qna</c> files.</exception>
    public static KnowledgeCheckResult Read(string folder, CancellationToken cancellationToken)
    {
        var files = KnowledgeBase.QnaFiles(folder);
        var problems = new List<KnowledgeFormatException>();
        var pairs = new List<QnaPair>();
        var unread = new Dictionary<int, SourceLocation>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reading = QnaFileParser.ReadAll(File.ReadAllText(file), Path.GetFileName(file));
            pairs.AddRange(reading.Pairs);
            problems.AddRange(reading.Problems);
            foreach (var (id, location) in reading.Unread)
            {
                unread.TryAdd(id, location);
            }
        }

        problems.AddRange(KnowledgeBase.CrossReferenceProblems(pairs, unread));

        var synonymFile = Path.Combine(folder, KnowledgeBase.SynonymFileName);
        if (File.Exists(synonymFile))
        {
            problems.AddRange(SynonymRules.Problems(new SynonymSource(KnowledgeBase.SynonymFileName, File.ReadAllText(synonymFile))));
        }

        var conceptFiles = new List<string>();
        foreach (var fileName in (string[])[KnowledgeBase.WarningSignsFileName, KnowledgeBase.OutOfScopeFileName])
        {
            var path = Path.Combine(folder, fileName);
            if (File.Exists(path))
            {
                conceptFiles.Add(fileName);
                problems.AddRange(ConceptFile.Problems(File.ReadAllText(path), fileName));
            }
        }

        return new KnowledgeCheckResult(problems, pairs.Count, pairs.Sum(static pair => pair.AlternateQuestions.Count), conceptFiles);
    }
}

/// <summary>What <see cref="KnowledgeCheck.Run"/> found: the mistakes (none when the folder is valid) and what it read.</summary>
public sealed record KnowledgeCheckResult(
    IReadOnlyList<KnowledgeFormatException> Problems,
    int PairCount,
    int AlternateCount,
    IReadOnlyList<string> ConceptFiles)
{
    public bool IsValid => Problems.Count == 0;
}
