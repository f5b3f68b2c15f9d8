using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Parsing;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// The knowledge must mean the same to CleanseBot as to the Bot Framework's own tools (QnA Maker import,
/// Composer, <c>bf qnamaker:build</c>), which all read <c>.qna</c> files with <c>@microsoft/bf-lu</c>.
/// ReferenceParser/parse-qna.js runs bf-lu on the files; these tests compare its reading with ours.
/// </summary>
public sealed class ReferenceParserCrossCheckTests(ReferenceParserCrossCheckTests.BfLuReading bfLu) : IClassFixture<ReferenceParserCrossCheckTests.BfLuReading>
{
    public static TheoryData<string> KnowledgeFiles() => new(KnowledgeFileNames());

    [Fact]
    public async Task Bf_lu_reads_every_knowledge_file()
    {
        var reading = await bfLu.ReadKnowledgeAsync();

        Assert.Equal(KnowledgeFileNames(), reading.Files.Select(f => f.File));
    }

    [Theory]
    [MemberData(nameof(KnowledgeFiles))]
    public async Task Bf_lu_reads_the_file_without_errors_or_warnings(string file)
    {
        var reading = await bfLu.ReadKnowledgeAsync();

        Assert.Empty(reading.For(file).Diagnostics.Select(d => $"{file}: [{d.Severity}] {d.Message}"));
    }

    [Theory]
    [MemberData(nameof(KnowledgeFiles))]
    public async Task Bf_lu_finds_the_same_pairs_as_our_parser(string file)
    {
        var ours = QnaFileParser.Parse(await File.ReadAllTextAsync(Path.Combine(KnowledgeFixture.Folder, file)), file);
        var theirs = (await bfLu.ReadKnowledgeAsync()).For(file).Pairs;

        AssertSamePairs(ours, theirs);
    }

    [Fact]
    public async Task Bf_lu_and_our_parser_agree_on_every_format_feature_even_those_the_knowledge_does_not_use_yet()
    {
        const string text = """
            > comment

            <a id="11"></a>
            # ? One hash question?
            - dash alternate
            * star alternate
            + plus alternate

            **FILTERS:**
            * section = Introduction
            - kind = guide

            ```markdown
              Indented first line
                indented second line

            last line after a blank one
            ```

            **Prompts:**
            - [Twelve](#12)
            - [Twelve again, in context](#12) `context-only`

            <a id="12"></a>
            ##? No space question?
            ```
            Plain fence.
            ```
            """;
        var file = Path.Combine(Path.GetTempPath(), $"cleansebot-features-{Guid.NewGuid():N}.qna");
        await File.WriteAllTextAsync(file, "\uFEFF" + text.ReplaceLineEndings("\r\n"));
        try
        {
            var run = await BfLuReading.RunAsync([file]);
            Assert.True(run.ExitCode == 0, $"bf-lu could not read the file:\n{run.Stderr}");
            var theirs = JsonSerializer.Deserialize<Output>(run.Stdout, BfLuReading.Json)!.Files.Single();

            Assert.Empty(theirs.Diagnostics);
            AssertSamePairs(QnaFileParser.Parse(await File.ReadAllTextAsync(file), Path.GetFileName(file)), theirs.Pairs);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_reference_parser_script_fails_loudly_on_a_malformed_file()
    {
        // Proves the checks above can fail: a file bf-lu rejects must not come back as "no pairs, no warnings".
        var file = Path.Combine(Path.GetTempPath(), $"cleansebot-malformed-{Guid.NewGuid():N}.qna");
        await File.WriteAllTextAsync(file, "## ? Question?\n- alternate\nthis line misses its dash\n```markdown\nAnswer.\n```\n");
        try
        {
            var run = await BfLuReading.RunAsync([file]);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("did you miss '-'", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Each pair is compared as one line, so that a difference is shown whole with the pair it is in.
    internal static void AssertSamePairs(IReadOnlyList<QnaPair> ours, IReadOnlyList<Pair> theirs)
    {
        Assert.Equal(ours.Select(p => p.Id), theirs.Select(p => p.Id));
        foreach (var (our, their) in ours.Zip(theirs))
        {
            var (ourView, theirView) = (View(our), View(their));
            Assert.True(ourView == theirView, $"{our.Source} is read differently:\n  ours:  {ourView}\n  bf-lu: {theirView}");
        }
    }

    private static string View(QnaPair pair) => View(
        pair.Id,
        pair.AlternateQuestions.Prepend(pair.Question),
        pair.Answer,
        pair.Filters.Select(f => (f.Name, f.Value)),
        pair.Prompts.Select(p => (p.DisplayText, p.TargetId.ToString(CultureInfo.InvariantCulture), p.ContextOnly)));

    private static string View(Pair pair) => View(
        pair.Id,
        pair.Questions,
        pair.Answer,
        pair.Metadata.Select(m => (m.Name, m.Value)),
        pair.Prompts.Select(p => (p.DisplayText, p.QnaId, p.ContextOnly)));

    private static string View(
        int id,
        IEnumerable<string> questions,
        string answer,
        IEnumerable<(string Name, string Value)> filters,
        IEnumerable<(string Text, string Target, bool ContextOnly)> prompts) =>
        $"id {id} | questions: {string.Join(" / ", questions)} | answer: {answer.ReplaceLineEndings("\n").Trim().Replace("\n", "\\n", StringComparison.Ordinal)}"
        + $" | filters: {string.Join("; ", filters.Select(f => $"{f.Name}={f.Value}"))}"
        + $" | prompts: {string.Join("; ", prompts.Select(p => $"[{p.Text}](#{p.Target}){(p.ContextOnly ? " context-only" : string.Empty)}"))}";

    private static string[] KnowledgeFileNames() =>
        Directory.GetFiles(KnowledgeFixture.Folder, "*.qna").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Runs bf-lu once over the knowledge folder and shares its reading with every test in the class.</summary>
    public sealed class BfLuReading
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        private readonly Lazy<Task<Output>> _knowledge = new(ReadAsync);

        public Task<Output> ReadKnowledgeAsync() => _knowledge.Value;

        public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> files)
        {
            var folder = Path.Combine(Repository.Root, "tests", "CleanseBot.Knowledge.Tests", "ReferenceParser");
            Assert.True(
                Directory.Exists(Path.Combine(folder, "node_modules", "@microsoft", "bf-lu")),
                $"The Bot Framework's reference parser is not installed. Run `npm ci` in {folder} (Node.js and npm needed), then run the tests again.");

            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("parse-qna.js");
            foreach (var file in files)
            {
                start.ArgumentList.Add(file);
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            }
            catch (Win32Exception e)
            {
                Assert.Fail($"Could not run `node` ({e.Message}). Install Node.js, run `npm ci` in {folder}, then run the tests again.");
                throw;
            }

            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(Timeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"node parse-qna.js did not finish within {Timeout.TotalSeconds} s. Its stderr:\n{await stderr}");
                }

                return (process.ExitCode, await stdout, await stderr);
            }
        }

        private static async Task<Output> ReadAsync()
        {
            var files = KnowledgeFileNames().Select(name => Path.Combine(KnowledgeFixture.Folder, name));
            var (exitCode, stdout, stderr) = await RunAsync(files);
            Assert.True(exitCode == 0, $"bf-lu could not read the knowledge (node exited with {exitCode}):\n{stderr}");

            try
            {
                return JsonSerializer.Deserialize<Output>(stdout, Json) ?? throw new JsonException("null");
            }
            catch (JsonException e)
            {
                Assert.Fail($"parse-qna.js printed something that is not its JSON ({e.Message}). stdout:\n{stdout}\nstderr:\n{stderr}");
                throw;
            }
        }
    }

    public sealed record Output(IReadOnlyList<FileReading> Files)
    {
        public FileReading For(string file) =>
            Files.SingleOrDefault(f => f.File == file) ?? throw new Xunit.Sdk.XunitException($"bf-lu's output has no entry for {file}");
    }

    public sealed record FileReading(string File, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<Pair> Pairs);

    public sealed record Diagnostic(string Severity, string Message);

    public sealed record Pair(int Id, IReadOnlyList<string> Questions, string Answer, IReadOnlyList<Metadata> Metadata, IReadOnlyList<Prompt> Prompts);

    public sealed record Metadata(string Name, string Value);

    public sealed record Prompt(string DisplayText, string QnaId, bool ContextOnly);
}
