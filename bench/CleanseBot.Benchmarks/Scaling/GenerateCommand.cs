using System.Globalization;
using System.Text;
using CleanseBot.Knowledge;
using CleanseBot.Knowledge.Model;

namespace CleanseBot.Benchmarks.Scaling;

/// <summary>
/// <c>generate --units N --out FOLDER</c>: writes the synthetic knowledge of <see cref="SyntheticKnowledge"/> as
/// <c>.qna</c> files (1,000 pairs a file) with the guide's synonyms, so the service itself can run on it:
/// <c>--Knowledge:Folder FOLDER</c>, or <c>KNOWLEDGE=FOLDER bash bench/load/run.sh</c>.
/// </summary>
internal static class GenerateCommand
{
    private const int PairsPerFile = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var units = int.Parse(Argument(args, "--units"), CultureInfo.InvariantCulture);
        var folder = Argument(args, "--out");
        var guide = await KnowledgeBase.LoadAsync(RealKnowledge.Folder, CancellationToken.None).ConfigureAwait(false);
        var knowledge = SyntheticKnowledge.Generate(guide, units);

        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.GetFiles(folder, "*.qna"))
        {
            File.Delete(stale);
        }

        for (var start = 0; start < knowledge.Pairs.Count; start += PairsPerFile)
        {
            var text = new StringBuilder("> Synthetic knowledge written by bench/CleanseBot.Benchmarks (generate); see docs/performance.md.\n\n");
            foreach (var pair in knowledge.Pairs.Skip(start).Take(PairsPerFile))
            {
                Write(text, pair);
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"{start / PairsPerFile:D4}.qna");
            await File.WriteAllTextAsync(Path.Combine(folder, name), text.ToString()).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, KnowledgeBase.SynonymFileName), knowledge.Synonyms.Text).ConfigureAwait(false);
        Console.WriteLine($"{knowledge.Pairs.Count:N0} pairs written to {Path.GetFullPath(folder)}");
        return 0;
    }

    private static void Write(StringBuilder text, QnaPair pair)
    {
        text.Append(CultureInfo.InvariantCulture, $"<a id=\"{pair.Id}\"></a>\n\n## ? {pair.Question}\n");
        foreach (var alternate in pair.AlternateQuestions)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {alternate}\n");
        }

        text.Append("\n**Filters:**\n");
        foreach (var filter in pair.Filters)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {filter.Name} = {filter.Value}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n```markdown\n{pair.Answer}\n```\n\n");
        if (pair.Prompts.Count > 0)
        {
            text.Append("**Prompts:**\n");
            foreach (var prompt in pair.Prompts)
            {
                text.Append(CultureInfo.InvariantCulture, $"- [{prompt.DisplayText}](#{prompt.TargetId}){(prompt.ContextOnly ? " `context-only`" : string.Empty)}\n");
            }

            text.Append('\n');
        }
    }

    private static string Argument(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : throw new ArgumentException($"{name} is required");
    }
}
