using CleanseBot.Evaluation;
using CleanseBot.Hosting;
using Microsoft.Extensions.Configuration;

// Usage: dotnet run --project evaluation/CleanseBot.Evaluation [-- path/to/questions.tsv]
// Uses the bot's own appsettings.json and knowledge/, copied next to this binary by the build.
var baseDirectory = AppContext.BaseDirectory;
var questions = args.Length > 0 ? args[0] : Path.Combine(baseDirectory, "questions.tsv");
var configuration = new ConfigurationBuilder().SetBasePath(baseDirectory).AddJsonFile("appsettings.json").Build();
var options = configuration.GetSection(AnsweringOptions.SectionName).Get<AnsweringOptions>() ?? new AnsweringOptions();
var knowledgeFolder = Path.Combine(baseDirectory, configuration["Knowledge:Folder"] ?? "knowledge");

using var evaluator = await Evaluator.CreateAsync(knowledgeFolder, options, CancellationToken.None);
var report = await evaluator.RunAsync(EvaluationSet.Load(questions), CancellationToken.None);
Console.Write(report.Format());
return report.Targets().All(target => target.Met) ? 0 : 1;
