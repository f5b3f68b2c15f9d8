using CleanseBot.Answering;
using CleanseBot.Hosting;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Search;
using Microsoft.Extensions.Configuration;

namespace CleanseBot.Evaluation;

/// <summary>
/// <c>dotnet run --project evaluation/CleanseBot.Evaluation [-- path/to/questions.tsv]</c>: prints the figures and
/// the misses, and exits with 1 when a product target is missed. Uses the bot's own appsettings.json and
/// knowledge/, copied next to this binary by the build. Settings can be tried without editing the file through
/// environment variables, as for the bot: <c>Answering__ConfidenceThreshold=0.45</c>, or <c>Reranker__Enabled=true</c>
/// to measure with the semantic re-ranker. <c>-- --leave-one-out</c> checks the knowledge against itself instead
/// (<see cref="LeaveOneOut"/>): each alternate asked of the knowledge without it. <c>-- --all</c> runs every set
/// copied next to the binary and prints a line of figures for each (<see cref="SetsTable"/>). <c>-- --explain "message"</c>
/// prints what the bot decides for one message and which warning-sign concepts it read in it.
/// <c>-- --train src/CleanseBot.Knowledge</c> trains the passage ranker, the answerability and the warning-sign models on the sets that
/// <c>training-sets.txt</c> lists, prints how each does on every set when trained without it, and writes them into that
/// project (<see cref="AnswerabilityTraining"/>, <see cref="WarningSignTraining"/>).
/// </summary>
internal static class EvaluationCommand
{
    private const string LeaveOneOutOption = "--leave-one-out";
    private const string AllSetsOption = "--all";
    private const string ExplainOption = "--explain";
    private const string TrainOption = "--train";

    public static async Task<int> Main(string[] args)
    {
        var baseDirectory = AppContext.BaseDirectory;
        var leaveOneOut = args.Contains(LeaveOneOutOption, StringComparer.Ordinal);
        var allSets = args.Contains(AllSetsOption, StringComparer.Ordinal);
        args = [.. args.Where(static arg => arg is not (LeaveOneOutOption or AllSetsOption))];
        var questions = args.Length > 0 ? args[0] : Path.Combine(baseDirectory, "questions.tsv");
        var configuration = new ConfigurationBuilder()
            .SetBasePath(baseDirectory)
            .AddJsonFile("appsettings.json")
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(AnsweringOptions.SectionName).Get<AnsweringOptions>() ?? new AnsweringOptions();
        var rerankerOptions = configuration.GetSection(RerankerOptions.SectionName).Get<RerankerOptions>() ?? new RerankerOptions();
        var knowledgeFolder = Path.Combine(baseDirectory, configuration["Knowledge:Folder"] ?? "knowledge");

        if (args is [TrainOption, var knowledgeProject])
        {
            await TrainAsync(knowledgeFolder, baseDirectory, knowledgeProject, options).ConfigureAwait(false);
            return 0;
        }

        if (leaveOneOut)
        {
            var knowledge = await KnowledgeBase.LoadAsync(knowledgeFolder, CancellationToken.None).ConfigureAwait(false);
            var check = await LeaveOneOut.RunAsync(knowledge, options, CancellationToken.None).ConfigureAwait(false);
            Console.Write(check.Format());
            return 0;
        }

        using var evaluator = await Evaluator.CreateAsync(knowledgeFolder, options, rerankerOptions, CancellationToken.None).ConfigureAwait(false);
        if (args is [ExplainOption, .. var messages])
        {
            foreach (var message in messages)
            {
                Console.WriteLine(await evaluator.ExplainAsync(message, CancellationToken.None).ConfigureAwait(false));
            }

            return 0;
        }

        if (allSets)
        {
            var sets = new List<(string Set, EvaluationReport Report)>();
            foreach (var set in Directory.GetFiles(baseDirectory, "*.tsv").Order(StringComparer.Ordinal))
            {
                sets.Add((Path.GetFileName(set), await evaluator.RunAsync(EvaluationSet.Load(set), CancellationToken.None).ConfigureAwait(false)));
            }

            Console.Write(SetsTable.Format(sets));
            return 0;
        }

        var report = await evaluator.RunAsync(EvaluationSet.Load(questions), CancellationToken.None).ConfigureAwait(false);
        Console.Write(report.Format());
        return report.Targets().All(target => target.Met) ? 0 : 1;
    }

    // Trains the shipped models on the same sets and writes them where CleanseBot.Knowledge embeds them.
    private static async Task TrainAsync(string knowledgeFolder, string baseDirectory, string knowledgeProject, AnsweringOptions options)
    {
        var knowledge = await KnowledgeBase.LoadAsync(knowledgeFolder, CancellationToken.None).ConfigureAwait(false);
        using var index = KnowledgeIndex.Build(knowledge);
        var sets = TrainingData.TrainingSets(baseDirectory);
        var fingerprint = TrainingData.Fingerprint(knowledge, sets);
        string[] trainedOn = [.. sets.Select(static set => set.Set)];

        var ranking = RankerTraining.Train(knowledge, index, sets, fingerprint, trainedOn);
        Console.Write(ranking.CrossValidation);
        var rankerPath = Path.Combine(knowledgeProject, "Ranking", "Ranker.json");
        var classifierPath = Path.Combine(knowledgeProject, "Ranking", "PassageClassifier.json");
        await File.WriteAllTextAsync(rankerPath, ranking.Ranker.ToJson()).ConfigureAwait(false);
        await File.WriteAllTextAsync(classifierPath, ranking.Ranker.Classifier.ToJson()).ConfigureAwait(false);
        Console.WriteLine($"wrote {rankerPath} and {classifierPath}");

        var examples = AnswerabilityTraining.Examples(index, sets, ranking.WithoutSet);
        Console.Write(CrossValidation.Run(examples, options.ConfidenceThreshold));
        var answerability = AnswerabilityTraining.Train(examples, fingerprint, trainedOn);
        var answerabilityPath = Path.Combine(knowledgeProject, "Ranking", "Answerability.json");
        await File.WriteAllTextAsync(answerabilityPath, answerability.ToJson()).ConfigureAwait(false);
        Console.WriteLine($"{examples.Count} examples; wrote {answerabilityPath}");

        var rules = knowledge.WarningSigns ?? throw new InvalidOperationException($"{knowledgeFolder} has no {KnowledgeBase.WarningSignsFileName}.");
        var signSets = TrainingData.WarningSignSets(baseDirectory, sets);
        var signs = WarningSignTraining.Examples(knowledge, signSets);
        Console.Write(WarningSignTraining.CrossValidate(rules, signs, options.WarningSignThreshold));
        Console.Write(WarningSignTraining.CrossValidateUrgency(rules, signs));
        var warningSigns = WarningSignTraining.Train(rules, signs, fingerprint, [.. signSets.Select(static set => set.Set)]);
        var warningSignsPath = Path.Combine(knowledgeProject, "Concepts", "WarningSigns.json");
        await File.WriteAllTextAsync(warningSignsPath, warningSigns.ToJson()).ConfigureAwait(false);
        Console.WriteLine($"{signs.Count} examples; wrote {warningSignsPath}");
    }
}
