using System.Text;
using System.Text.Json;
using CleanseBot.Knowledge.Authoring;
using CleanseBot.Knowledge.Parsing;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// Accepting a suggestion writes one alternate question into its pair's .qna file, in place, and nothing else: a
/// content owner reviews a one-line change. Always on a copy of the knowledge folder; the real one stays as it is.
/// </summary>
public sealed class AlternateQuestionWriterTests : IDisposable
{
    private const string StreamFile = "05-professional-facials.qna";
    private const string Steam = "can steam unclog my pores at home";

    private readonly string _folder = Directory.CreateTempSubdirectory("cleansebot-accept-").FullName;

    public AlternateQuestionWriterTests()
    {
        foreach (var file in Directory.GetFiles(KnowledgeFixture.Folder, "*.qna"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void Adds_the_question_after_the_pairs_last_alternate_and_changes_no_other_byte()
    {
        var before = File.ReadAllBytes(Path.Combine(_folder, StreamFile));
        var others = OtherFiles();

        var result = AlternateQuestionWriter.Add(_folder, 503, Steam);

        Assert.True(result.Added, result.Message);
        var lastAlternate = "- I'm nervous about my first facial because I hate heat on my face. what's the steam part for\n";
        var at = Encoding.UTF8.GetString(before).IndexOf(lastAlternate, StringComparison.Ordinal) + lastAlternate.Length;
        var expected = before[..at].Concat(Encoding.UTF8.GetBytes($"- {Steam}\n")).Concat(before[at..]).ToArray();
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(_folder, StreamFile)));
        Assert.Equal(others, OtherFiles());
        Assert.Equal(StreamFile, result.Location!.File);
        Assert.Equal(Steam, File.ReadAllLines(Path.Combine(_folder, StreamFile))[result.Location.Line - 1][2..]);
        var pair = QnaFileParser.Parse(File.ReadAllText(Path.Combine(_folder, StreamFile)), StreamFile).Single(pair => pair.Id == 503);
        Assert.Equal(Steam, pair.AlternateQuestions[^1]);
    }

    [Fact]
    public void Keeps_a_files_byte_order_mark_windows_line_endings_comments_and_list_markers()
    {
        const string text = "\uFEFF> My own notes, kept as they are.\r\n\r\n<a id=\"901\"></a>\r\n\r\n## ? Is a toner needed?\r\n* do I need toner\r\n\r\n> an aside between alternates\r\n*   toner or not\r\n\r\n**Filters:**\r\n- kind = guide\r\n\r\n```markdown\r\nOften not.\r\n```\r\n";
        var file = Path.Combine(_folder, "09-own.qna");
        File.WriteAllText(file, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        var result = AlternateQuestionWriter.Add(_folder, 901, "toner worth buying for a teen");

        Assert.True(result.Added, result.Message);
        Assert.Equal(
            text.Replace("*   toner or not\r\n", "*   toner or not\r\n*   toner worth buying for a teen\r\n", StringComparison.Ordinal),
            Encoding.UTF8.GetString(File.ReadAllBytes(file)));
    }

    [Fact]
    public void Gives_a_pair_without_alternates_its_first_one_under_the_question()
    {
        const string text = "<a id=\"901\"></a>\n## ? Is a toner needed?\n```markdown\nOften not.\n```\n";
        var file = Path.Combine(_folder, "09-own.qna");
        File.WriteAllText(file, text);

        Assert.True(AlternateQuestionWriter.Add(_folder, 901, "do I need toner").Added);

        Assert.Equal("<a id=\"901\"></a>\n## ? Is a toner needed?\n- do I need toner\n```markdown\nOften not.\n```\n", File.ReadAllText(file));
    }

    [Fact]
    public void Writes_a_message_typed_over_several_lines_as_one_line()
    {
        var result = AlternateQuestionWriter.Add(_folder, 503, "  can steam\r\nunclog\tmy pores  ");

        Assert.True(result.Added, result.Message);
        Assert.Contains("\n- can steam unclog my pores\n", File.ReadAllText(Path.Combine(_folder, StreamFile)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503, "is steam good for pores", AlternateQuestionRefusal.Duplicate)]
    [InlineData(503, "WHAT IS DEEP PORE CLEANSING", AlternateQuestionRefusal.Duplicate)]
    [InlineData(999, Steam, AlternateQuestionRefusal.PairNotFound)]
    [InlineData(503, " \n ", AlternateQuestionRefusal.EmptyQuestion)]
    public void Refuses_and_writes_nothing_for_a_question_already_asked_a_missing_pair_or_an_empty_message(int pairId, string question, AlternateQuestionRefusal refusal)
    {
        var before = AllFiles();

        var result = AlternateQuestionWriter.Add(_folder, pairId, question);

        Assert.Equal(refusal, result.Refusal);
        Assert.Equal(before, AllFiles());
    }

    [Fact]
    public void Names_where_the_knowledge_already_asks_a_duplicate()
    {
        var result = AlternateQuestionWriter.Add(_folder, 503, "What is deep pore cleansing");

        Assert.Equal(AlternateQuestionRefusal.Duplicate, result.Refusal);
        Assert.Contains("pair 101, 01-introduction.qna:", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_while_a_knowledge_file_does_not_parse_and_names_it()
    {
        File.WriteAllText(Path.Combine(_folder, "09-broken.qna"), "## ? A question with no id?\n```markdown\nAnswer.\n```\n");

        var result = AlternateQuestionWriter.Add(_folder, 503, Steam);

        Assert.Equal(AlternateQuestionRefusal.UnreadableKnowledge, result.Refusal);
        Assert.Contains("09-broken.qna", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bf_lu_reads_the_accepted_file_without_warnings_and_as_our_parser_does()
    {
        // Masked messages keep their placeholders; odd punctuation is what visitors type.
        Assert.True(AlternateQuestionWriter.Add(_folder, 503, Steam).Added);
        Assert.True(AlternateQuestionWriter.Add(_folder, 502, "email me at [email] about extractions: are they safe?!").Added);
        Assert.True(AlternateQuestionWriter.Add(_folder, 503, "steam = good? #pores *really*").Added);
        var file = Path.Combine(_folder, StreamFile);

        var run = await ReferenceParserCrossCheckTests.BfLuReading.RunAsync([file]);

        Assert.True(run.ExitCode == 0, $"bf-lu could not read the accepted file:\n{run.Stderr}");
        var theirs = JsonSerializer.Deserialize<ReferenceParserCrossCheckTests.Output>(run.Stdout, ReferenceParserCrossCheckTests.BfLuReading.Json)!.Files.Single();
        Assert.Empty(theirs.Diagnostics);
        var ours = QnaFileParser.Parse(await File.ReadAllTextAsync(file), StreamFile);
        ReferenceParserCrossCheckTests.AssertSamePairs(ours, theirs.Pairs);
        Assert.Contains(Steam, theirs.Pairs.Single(pair => pair.Id == 503).Questions);
        Assert.Contains("steam = good? #pores *really*", theirs.Pairs.Single(pair => pair.Id == 503).Questions);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Dictionary<string, byte[]> AllFiles() => Directory.GetFiles(_folder).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes);

    private Dictionary<string, byte[]> OtherFiles() => AllFiles().Where(file => file.Key != StreamFile).ToDictionary();
}
