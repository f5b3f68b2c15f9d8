using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Parsing;

namespace CleanseBot.Knowledge.Tests;

/// <summary>What an author can write in a <c>.qna</c> file, and what they are told when they get it wrong.</summary>
public sealed class QnaFileParserTests
{
    private const string FileName = "09-test.qna";

    // One complete pair using every part of the format, line numbers as in an editor.
    private const string CompletePair = """
        > Test knowledge: a comment line the parser must ignore.

        <a id="503"></a>

        ## ? What is steam therapy in a facial?
        - does steaming my face open pores
        - why do facials use steam

        **Filters:**
        - section = Professional Deep Pore Cleansing Facial > Facials at Spas and Salons
        - kind = guide

        ```markdown
        Steam is often incorporated into facials to open up pores.
        > This line is part of the answer, not a comment.
        It makes the steps that follow more effective.
        ```

        **Prompts:**
        - [What happens in extraction?](#502)
        - [Keeping results at home](#806) `context-only`
        """;

    [Fact]
    public void Reads_the_id_question_and_alternates_of_a_pair()
    {
        var pair = Assert.Single(QnaFileParser.Parse(CompletePair, FileName));

        Assert.Equal(503, pair.Id);
        Assert.Equal("What is steam therapy in a facial?", pair.Question);
        Assert.Equal(["does steaming my face open pores", "why do facials use steam"], pair.AlternateQuestions);
    }

    [Fact]
    public void Reads_the_filters_as_name_value_pairs()
    {
        var pair = Assert.Single(QnaFileParser.Parse(CompletePair, FileName));

        Assert.Equal(
            [
                new QnaFilter("section", "Professional Deep Pore Cleansing Facial > Facials at Spas and Salons"),
                new QnaFilter("kind", "guide"),
            ],
            pair.Filters);
        Assert.Equal("Professional Deep Pore Cleansing Facial > Facials at Spas and Salons", pair.Section);
    }

    [Fact]
    public void Reads_a_multi_line_fenced_answer_word_for_word_including_lines_that_look_like_comments()
    {
        var pair = Assert.Single(QnaFileParser.Parse(CompletePair, FileName));

        Assert.Equal(
            "Steam is often incorporated into facials to open up pores.\n"
            + "> This line is part of the answer, not a comment.\n"
            + "It makes the steps that follow more effective.",
            pair.Answer);
    }

    [Fact]
    public void Reads_prompts_with_their_target_ids_and_the_context_only_mark()
    {
        var pair = Assert.Single(QnaFileParser.Parse(CompletePair, FileName));

        Assert.Equal(
            [
                new QnaPrompt("What happens in extraction?", 502, ContextOnly: false),
                new QnaPrompt("Keeping results at home", 806, ContextOnly: true),
            ],
            pair.Prompts);
    }

    [Fact]
    public void Remembers_the_file_and_question_line_of_each_pair()
    {
        var pair = Assert.Single(QnaFileParser.Parse(CompletePair, FileName));

        Assert.Equal(new SourceLocation(FileName, 5), pair.Source);
    }

    [Fact]
    public void Reads_several_pairs_in_file_order_and_allows_a_pair_without_alternates_filters_or_prompts()
    {
        const string text = """
            <a id="1"></a>
            ## ? First question?
            ```markdown
            First answer.
            ```

            <a id="2"></a>
            ## ? Second question?
            - second alternate
            ```markdown
            Second answer.
            ```
            """;

        var pairs = QnaFileParser.Parse(text, FileName);

        Assert.Equal([1, 2], pairs.Select(p => p.Id));
        Assert.Empty(pairs[0].AlternateQuestions);
        Assert.Empty(pairs[0].Filters);
        Assert.Empty(pairs[0].Prompts);
        Assert.Equal("First answer.", pairs[0].Answer);
        Assert.Equal(string.Empty, pairs[0].Section);
        Assert.Equal("Second answer.", pairs[1].Answer);
    }

    [Fact]
    public void Ignores_comment_lines_between_and_inside_pairs()
    {
        const string text = """
            > file comment
            <a id="1"></a>
            > comment between the id and the question
            ## ? Question?
            > comment among the alternates
            - alternate
            **Filters:**
            > comment among the filters
            - section = Introduction
            ```markdown
            Answer.
            ```
            > comment after the answer
            """;

        var pair = Assert.Single(QnaFileParser.Parse(text, FileName));

        Assert.Equal(["alternate"], pair.AlternateQuestions);
        Assert.Equal([new QnaFilter("section", "Introduction")], pair.Filters);
        Assert.Equal("Answer.", pair.Answer);
    }

    [Fact]
    public void Reads_a_file_saved_with_windows_line_endings_and_a_byte_order_mark_like_the_original()
    {
        var windowsText = "\uFEFF" + CompletePair.ReplaceLineEndings("\r\n");

        var fromWindows = Assert.Single(QnaFileParser.Parse(windowsText, FileName));
        var original = Assert.Single(QnaFileParser.Parse(CompletePair, FileName));

        Assert.Equal(original.Id, fromWindows.Id);
        Assert.Equal(original.Question, fromWindows.Question);
        Assert.Equal(original.AlternateQuestions, fromWindows.AlternateQuestions);
        Assert.Equal(original.Filters, fromWindows.Filters);
        Assert.Equal(original.Answer, fromWindows.Answer);
        Assert.DoesNotContain('\r', fromWindows.Answer);
        Assert.Equal(original.Prompts, fromWindows.Prompts);
        Assert.Equal(original.Source, fromWindows.Source);
    }

    [Theory]
    [InlineData("# ? How often should I deep cleanse?")]
    [InlineData("## ? How often should I deep cleanse?")]
    [InlineData("##? How often should I deep cleanse?")]
    public void Accepts_the_question_heading_with_one_or_two_hashes(string questionLine)
    {
        var text = $"""
            <a id="801"></a>
            {questionLine}
            ```markdown
            1-2 times per week.
            ```
            """;

        var pair = Assert.Single(QnaFileParser.Parse(text, FileName));

        Assert.Equal("How often should I deep cleanse?", pair.Question);
    }

    [Fact]
    public void Reports_a_question_without_an_id_at_the_question_line()
    {
        const string text = """
            > comment

            ## ? Question without an id?
            ```markdown
            Answer.
            ```
            """;

        AssertRejected(text, line: 3, "no id");
    }

    [Fact]
    public void Reports_a_non_numeric_id_at_its_line()
    {
        const string text = """
            > comment
            <a id="steam"></a>
            ## ? Question?
            ```markdown
            Answer.
            ```
            """;

        AssertRejected(text, line: 2, "'steam'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("12a")]
    [InlineData("")]
    public void Reports_an_id_that_is_not_a_positive_whole_number(string id)
    {
        var text = $"""
            <a id="{id}"></a>
            ## ? Question?
            ```markdown
            Answer.
            ```
            """;

        AssertRejected(text, line: 1, "positive whole number");
    }

    [Fact]
    public void Reports_an_id_used_twice_in_one_file_at_the_second_use_naming_the_first()
    {
        const string text = """
            <a id="7"></a>
            ## ? First?
            ```markdown
            One.
            ```

            <a id="7"></a>
            ## ? Second?
            ```markdown
            Two.
            ```
            """;

        var error = AssertRejected(text, line: 7, "already used");
        Assert.Contains("line 1", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_answer_fence_that_is_never_closed_at_the_opening_fence()
    {
        const string text = """
            <a id="1"></a>
            ## ? Question?
            - alternate
            ```markdown
            The answer goes on
            and on

            <a id="2"></a>
            ## ? Next question?
            """;

        AssertRejected(text, line: 4, "never closed");
    }

    [Fact]
    public void Reports_a_question_without_an_answer_at_the_question_line()
    {
        const string text = """
            <a id="1"></a>
            ## ? Question one?
            - alternate

            <a id="2"></a>
            ## ? Question two?
            ```markdown
            Answer two.
            ```
            """;

        AssertRejected(text, line: 2, "no answer");
    }

    [Fact]
    public void Reports_a_question_without_an_answer_at_the_end_of_the_file()
    {
        const string text = """
            <a id="1"></a>
            ## ? Question one?
            ```markdown
            Answer one.
            ```

            <a id="2"></a>
            ## ? Question two?
            - alternate
            """;

        AssertRejected(text, line: 8, "no answer");
    }

    [Fact]
    public void Reports_an_empty_answer_at_its_closing_fence()
    {
        const string text = """
            <a id="1"></a>
            ## ? Question?
            ```markdown

            ```
            """;

        AssertRejected(text, line: 5, "empty");
    }

    [Fact]
    public void Reports_a_filter_line_without_an_equals_sign_at_its_line()
    {
        const string text = """
            <a id="1"></a>
            ## ? Question?
            **Filters:**
            - section = Introduction
            - kind: guide
            ```markdown
            Answer.
            ```
            """;

        AssertRejected(text, line: 5, "name = value");
    }

    [Fact]
    public void Reports_a_filter_value_containing_an_equals_sign_which_bf_lu_would_cut_short()
    {
        // bf-lu splits a filter line at every '=' and keeps "Introduction" here: QnA Maker would get another value than the bot.
        const string text = """
            <a id="1"></a>
            ## ? Question?
            **Filters:**
            - section = Introduction = Summary
            ```markdown
            Answer.
            ```
            """;

        AssertRejected(text, line: 4, "=");
    }

    [Fact]
    public void Reports_a_prompt_to_a_non_numeric_target_at_its_line()
    {
        const string text = """
            <a id="1"></a>
            ## ? Question?
            ```markdown
            Answer.
            ```
            **Prompts:**
            - [Next](#2)
            - [Steam therapy](#steam-therapy)
            """;

        AssertRejected(text, line: 8, "numeric id");
    }

    [Fact]
    public void Reports_text_before_the_first_pair_at_its_line()
    {
        const string text = """
            > comment
            Deep pore cleansing facial
            <a id="1"></a>
            ## ? Question?
            ```markdown
            Answer.
            ```
            """;

        AssertRejected(text, line: 2, "outside a QnA pair");
    }

    [Fact]
    public void Reports_stray_text_after_an_answer_at_its_line()
    {
        const string text = """
            <a id="1"></a>
            ## ? Question?
            ```markdown
            Answer.
            ```
            As an Amazon Associate I earn from qualifying purchases.
            """;

        AssertRejected(text, line: 6, "unexpected line");
    }

    [Fact]
    public void Reports_an_intent_section_as_unsupported_at_its_line()
    {
        const string text = """
            <a id="1"></a>
            ## ? Question?
            ```markdown
            Answer.
            ```

            # @ intent Greeting
            - hello
            """;

        AssertRejected(text, line: 7, "only QnA pairs");
    }

    [Fact]
    public void Reports_a_plain_heading_as_unsupported_at_its_line()
    {
        const string text = """
            > comment
            # Greeting
            - hello
            """;

        AssertRejected(text, line: 2, "only QnA pairs");
    }

    [Fact]
    public void Reports_an_id_that_no_question_follows_at_the_id_line()
    {
        const string text = """
            <a id="1"></a>
            ## ? Question?
            ```markdown
            Answer.
            ```

            <a id="2"></a>
            """;

        AssertRejected(text, line: 7, "not followed by a question");
    }

    [Fact]
    public void Reports_an_empty_file()
    {
        AssertRejected(string.Empty, line: 1, "no QnA pairs");
    }

    [Fact]
    public void Reports_a_file_of_only_comments_at_its_last_line()
    {
        const string text = """
            > The FAQ will go here.

            > Nothing yet.
            """;

        AssertRejected(text, line: 3, "no QnA pairs");
    }

    [Fact]
    public void Counts_lines_of_a_windows_file_the_same_as_an_editor_does()
    {
        var text = """
            > comment

            ## ? Question without an id?
            ```markdown
            Answer.
            ```
            """.ReplaceLineEndings("\r\n");

        AssertRejected("\uFEFF" + text, line: 3, "no id");
    }

    private static KnowledgeFormatException AssertRejected(string text, int line, string problemMentions)
    {
        var error = Assert.Throws<KnowledgeFormatException>(() => QnaFileParser.Parse(text, FileName));

        Assert.Equal(FileName, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problemMentions, error.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"{FileName}:{line}: ", error.Message, StringComparison.Ordinal);
        return error;
    }
}
