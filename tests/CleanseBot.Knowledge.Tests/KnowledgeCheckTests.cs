using System.Diagnostics;
using CleanseBot.KnowledgeCheck;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// <c>dotnet run --project tools/CleanseBot.KnowledgeCheck -- knowledge/</c>: the real knowledge passes, and copies of
/// it broken in each way the bot refuses to start with are reported at the right file and line, all in one run.
/// </summary>
public sealed class KnowledgeCheckTests
{
    [Fact]
    public async Task Passes_the_real_knowledge_run_as_a_process()
    {
        var result = await RunProcess(KnowledgeFixture.Folder);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("OK: 67 pairs with ", result.Output, StringComparison.Ordinal);
        Assert.Contains("warning-signs.txt, out-of-scope.txt read", result.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Reports_every_problem_of_a_broken_folder_on_standard_error_run_as_a_process()
    {
        using var copy = new KnowledgeCopy();
        var syntax = copy.BreakSyntax();
        var prompt = copy.PromptToMissingId();
        var warning = copy.RuleWithUnknownConcept();

        var result = await RunProcess(copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        var lines = result.Error.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal([syntax, prompt, warning], lines[..^1].Select(Location));
        Assert.StartsWith("3 problems in 3 files of ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_syntax_error_in_a_qna_file_at_its_line()
    {
        using var copy = new KnowledgeCopy();
        var expected = copy.BreakSyntax();

        var result = Run(copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{expected}: unexpected line", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_id_used_twice_where_it_is_used_again()
    {
        using var copy = new KnowledgeCopy();
        var (expected, first) = copy.DuplicateId();

        var result = Run(copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{expected}: id 101 is already used at {first}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_prompt_to_a_missing_id_at_its_pair()
    {
        using var copy = new KnowledgeCopy();
        var expected = copy.PromptToMissingId();

        var result = Run(copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{expected}: the prompt 'Preventing acne breakouts' links to id 299, which no pair has", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_empty_answer_at_its_closing_fence()
    {
        using var copy = new KnowledgeCopy();
        var expected = copy.EmptyFirstAnswer();

        var result = Run(copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{expected}: the answer is empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_warning_sign_rule_naming_an_unknown_concept_at_its_line()
    {
        using var copy = new KnowledgeCopy();
        var expected = copy.RuleWithUnknownConcept();

        var result = Run(copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{expected}: 'speedy' is no concept of the [concepts] section", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_synonym_entry_that_is_only_a_stop_word_at_its_line()
    {
        using var copy = new KnowledgeCopy();
        var expected = copy.StopWordSynonym();

        var result = Run(copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{expected}: the synonym rule 'acne, the'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_kind_of_problem_in_one_run_and_a_summary()
    {
        using var copy = new KnowledgeCopy();
        string[] expected =
        [
            copy.BreakSyntax(), copy.EmptyFirstAnswer(), copy.PromptToMissingId(), copy.StopWordSynonym(), copy.RuleWithUnknownConcept(),
        ];
        var (duplicate, _) = copy.DuplicateId();

        var result = Run(copy.Path);

        Assert.Equal(1, result.ExitCode);
        var reported = result.Error.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.All(expected.Append(duplicate), location => Assert.Contains(location, reported.Select(Location)));
        Assert.Matches(@"^\d+ problems in \d+ files of ", reported[^1]);
    }

    [Fact]
    public void Answers_a_missing_folder_or_a_wrong_command_line_with_exit_code_2()
    {
        Assert.Equal(2, Run(Path.Combine(KnowledgeFixture.Folder, "missing")).ExitCode);
        Assert.Equal(2, KnowledgeCheckCommand.Run([], TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, KnowledgeCheckCommand.Run([KnowledgeFixture.Folder, "extra"], TextWriter.Null, TextWriter.Null));
    }

    private static string Location(string line) => line[..line.IndexOf(": ", StringComparison.Ordinal)];

    private static CheckResult Run(string folder)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = KnowledgeCheckCommand.Run([folder], output, error);
        return new CheckResult(exitCode, output.ToString(), error.ToString());
    }

    // The built tool, as content owners' CI runs it (dotnet exec of the dll the project reference copies here).
    private static async Task<CheckResult> RunProcess(string folder)
    {
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host, ["exec", Path.Combine(AppContext.BaseDirectory, "CleanseBot.KnowledgeCheck.dll"), folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The knowledge check did not finish:\n{await output}{await error}");
        }

        return new CheckResult(process.ExitCode, await output, await error);
    }

    private sealed record CheckResult(int ExitCode, string Output, string Error);

    /// <summary>A copy of the real knowledge folder; each way to break it returns the <c>file:line</c> the check must name.</summary>
    private sealed class KnowledgeCopy : IDisposable
    {
        public KnowledgeCopy()
        {
            Path = Directory.CreateTempSubdirectory("cleansebot-knowledge-check-").FullName;
            foreach (var file in Directory.GetFiles(KnowledgeFixture.Folder))
            {
                File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
            }
        }

        public string Path { get; }

        // An alternate of the first pair without its '-'.
        public string BreakSyntax() => Edit("01-introduction.qna", lines =>
        {
            var line = Array.FindIndex(lines, static line => line.StartsWith("- ", StringComparison.Ordinal));
            lines[line] = lines[line][2..];
            return line;
        });

        // The second pair of the FAQ takes the first pair's id.
        public (string Location, string First) DuplicateId()
        {
            var first = Edit("01-introduction.qna", lines => QuestionAfter(lines, Array.FindIndex(lines, static line => line == "<a id=\"101\"></a>")));
            var again = Edit("08-faq.qna", lines =>
            {
                var line = Array.FindIndex(lines, static line => line == "<a id=\"802\"></a>");
                lines[line] = "<a id=\"101\"></a>";
                return QuestionAfter(lines, line);
            });
            return (again, first);
        }

        // A prompt of the benefits' intro pair points to an id no pair has.
        public string PromptToMissingId() => Edit("02-benefits.qna", lines =>
        {
            var line = Array.FindIndex(lines, static line => line.Contains("(#202)", StringComparison.Ordinal));
            lines[line] = lines[line].Replace("(#202)", "(#299)", StringComparison.Ordinal);
            return Array.FindLastIndex(lines, line, static line => line.StartsWith("## ?", StringComparison.Ordinal));
        });

        // The first answer of the pores file blanked, line for line; the problem is found at its closing fence.
        public string EmptyFirstAnswer() => Edit("03-understanding-pores.qna", lines =>
        {
            var line = Array.FindIndex(lines, static line => line.StartsWith("```markdown", StringComparison.Ordinal)) + 1;
            for (; lines[line] != "```"; line++)
            {
                lines[line] = string.Empty;
            }

            return line;
        });

        // A warning-sign rule names a concept the file does not have.
        public string RuleWithUnknownConcept() => Edit(KnowledgeBase.WarningSignsFileName, lines =>
        {
            var line = Array.FindIndex(lines, static line => line.StartsWith("InfectionWithFever: spreading + fast", StringComparison.Ordinal));
            lines[line] = lines[line].Replace("+ fast +", "+ speedy +", StringComparison.Ordinal);
            return line;
        });

        // A synonym group of which one entry is only a word search ignores.
        public string StopWordSynonym() => Edit(KnowledgeBase.SynonymFileName, lines =>
        {
            lines[^1] = "acne, the";
            return lines.Length - 1;
        });

        public void Dispose() => Directory.Delete(Path, recursive: true);

        private static int QuestionAfter(string[] lines, int line) =>
            Array.FindIndex(lines, line, static line => line.StartsWith("## ?", StringComparison.Ordinal));

        // Edits a file's lines in place; edit returns the 0-based line the check must name.
        private string Edit(string fileName, Func<string[], int> edit)
        {
            var path = System.IO.Path.Combine(Path, fileName);
            var lines = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
            var line = edit(lines);
            File.WriteAllText(path, string.Join('\n', lines));
            return $"{fileName}:{line + 1}";
        }
    }
}
