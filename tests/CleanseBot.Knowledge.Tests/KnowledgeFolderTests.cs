using System.Text.RegularExpressions;
using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Parsing;

namespace CleanseBot.Knowledge.Tests;

/// <summary>The shipped knowledge folder: complete, consistent, faithful to the guide and free of the source page's boilerplate.</summary>
[Collection(RealKnowledge.Name)]
public sealed class KnowledgeFolderTests(KnowledgeFixture fixture)
{
    private IReadOnlyList<QnaPair> Pairs => fixture.Knowledge.Pairs;

    [Fact]
    public void Holds_every_part_of_the_guide_as_67_pairs_in_8_files()
    {
        Assert.Equal(67, Pairs.Count);
        Assert.Equal(
            [
                "01-introduction.qna", "02-benefits.qna", "03-understanding-pores.qna", "04-choosing-products.qna",
                "05-professional-facials.qna", "06-dermatological-procedures.qna", "07-preparing.qna", "08-faq.qna",
            ],
            Pairs.Select(p => p.Source.File).Distinct());
    }

    [Fact]
    public void Every_pair_has_an_id_a_question_and_an_answer()
    {
        Assert.All(Pairs, pair =>
        {
            Assert.True(pair.Id > 0, $"{pair.Source}: id {pair.Id}");
            Assert.False(string.IsNullOrWhiteSpace(pair.Question), $"{pair.Source}: empty question");
            Assert.False(string.IsNullOrWhiteSpace(pair.Answer), $"{pair.Source}: empty answer");
        });
    }

    [Fact]
    public void Every_pair_says_which_part_of_the_guide_it_comes_from()
    {
        Assert.All(Pairs, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Section), $"{pair.Source}: no 'section' filter"));
    }

    [Fact]
    public void Every_pair_uses_a_section_of_its_own_part_of_the_guide()
    {
        // The section values of knowledge/README.md, by file: the bot shows them as "from: <section>".
        var sectionsByFile = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["01-introduction.qna"] = ["Introduction", "Summary"],
            ["02-benefits.qna"] = ["Benefits of Regular Deep Pore Cleansing"],
            ["03-understanding-pores.qna"] =
            [
                "Understanding Pores > Anatomy of Skin Pores",
                "Understanding Pores > Role of Pores in Skin Health",
            ],
            ["04-choosing-products.qna"] =
            [
                "Choosing the Right Products > Cleansers for Deep Pore Cleansing",
                "Choosing the Right Products > Toners and Astringents",
                "Choosing the Right Products > Serums and Treatments",
            ],
            ["05-professional-facials.qna"] = ["Professional Deep Pore Cleansing Facial > Facials at Spas and Salons"],
            ["06-dermatological-procedures.qna"] = ["Dermatological Procedures for Deep Cleansing"],
            ["07-preparing.qna"] =
            [
                "Preparing for a Deep Pore Cleansing Facial > Skin Assessment and Consultation",
                "Preparing for a Deep Pore Cleansing Facial > Pre-Facial Skincare Routine",
            ],
            ["08-faq.qna"] =
            [
                "FAQ > Common Questions about Deep Pore Cleansing",
                "FAQ > Expert Answers and Recommendations",
            ],
        };

        Assert.All(Pairs, pair =>
        {
            Assert.True(sectionsByFile.ContainsKey(pair.Source.File), $"{pair.Source}: file not described in knowledge/README.md");
            Assert.Contains(pair.Section, sectionsByFile[pair.Source.File]);
        });
    }

    [Fact]
    public void Every_pair_is_marked_as_guide_or_faq_content_matching_its_section()
    {
        Assert.All(Pairs, pair =>
        {
            var expected = pair.Section.StartsWith("FAQ", StringComparison.Ordinal) ? "faq" : "guide";
            Assert.True(pair.FilterValue(KnownFilters.Kind) == expected, $"{pair.Source}: kind '{pair.FilterValue(KnownFilters.Kind)}', expected '{expected}'");
        });
    }

    [Fact]
    public void Every_pair_has_twenty_two_to_thirty_alternate_phrasings()
    {
        Assert.All(Pairs, pair => Assert.True(
            pair.AlternateQuestions.Count is >= 22 and <= 30,
            $"{pair.Source}: {pair.AlternateQuestions.Count} alternates"));
    }

    [Fact]
    public void No_question_is_asked_twice_in_the_knowledge()
    {
        var repeated = Pairs
            .SelectMany(pair => pair.AlternateQuestions.Prepend(pair.Question), (pair, question) => (pair, question))
            .GroupBy(q => q.question.Trim().TrimEnd('?').ToUpperInvariant())
            .Where(g => g.Count() > 1)
            .Select(g => $"'{g.First().question}' at {string.Join(", ", g.Select(q => q.pair.Source))}");

        Assert.Empty(repeated);
    }

    [Fact]
    public void Follow_up_buttons_fit_on_a_chat_card()
    {
        // Teams and Web Chat truncate longer button text; more than four buttons crowd the answer.
        Assert.All(Pairs, pair =>
        {
            Assert.True(pair.Prompts.Count <= 4, $"{pair.Source}: {pair.Prompts.Count} prompts");
            Assert.All(pair.Prompts, prompt => Assert.True(prompt.DisplayText.Length <= 40, $"{pair.Source}: '{prompt.DisplayText}' is longer than 40 characters"));
            Assert.DoesNotContain(pair.Id, pair.Prompts.Select(p => p.TargetId));
        });
    }

    [Fact]
    public void Every_id_lies_in_the_range_of_its_file()
    {
        // 01-introduction.qna holds 100-199, 02-benefits.qna 200-299, and so on (knowledge/README.md).
        Assert.All(Pairs, pair =>
        {
            var first = int.Parse(pair.Source.File.AsSpan(0, 2), provider: null) * 100;
            Assert.InRange(pair.Id, first, first + 99);
        });
    }

    [Fact]
    public void Ids_are_unique_across_all_files()
    {
        var reused = Pairs.GroupBy(p => p.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key} at {string.Join(", ", g.Select(p => p.Source))}");

        Assert.Empty(reused);
    }

    [Fact]
    public void Every_follow_up_prompt_leads_to_an_existing_pair()
    {
        var prompts = Pairs.SelectMany(pair => pair.Prompts, (pair, prompt) => (pair, prompt)).ToList();

        Assert.NotEmpty(prompts);
        Assert.All(prompts, p => Assert.True(
            fixture.Knowledge.Find(p.prompt.TargetId) is not null,
            $"{p.pair.Source}: prompt '{p.prompt.DisplayText}' leads to missing id {p.prompt.TargetId}"));
    }

    [Fact]
    public void Every_guide_part_and_the_faq_are_covered()
    {
        var topLevelSections = Pairs.Select(p => p.Section.Split(" > ")[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "Introduction",
                "Benefits of Regular Deep Pore Cleansing",
                "Understanding Pores",
                "Choosing the Right Products",
                "Professional Deep Pore Cleansing Facial",
                "Dermatological Procedures for Deep Cleansing",
                "Preparing for a Deep Pore Cleansing Facial",
                "FAQ",
            },
            topLevelSections);
    }

    [Theory]
    [InlineData("Amazon")]
    [InlineData("Associate")]
    [InlineData("trademark")]
    [InlineData("Elemis")]
    [InlineData("Leave a Comment")]
    [InlineData("email address")]
    [InlineData("Required fields")]
    [InlineData("qualifying purchases")]
    public void Source_page_boilerplate_is_not_in_the_knowledge(string boilerplate)
    {
        var pattern = new Regex($@"\b{Regex.Escape(boilerplate)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var files = Directory.GetFiles(KnowledgeFixture.Folder);

        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            var lines = File.ReadAllLines(file);
            var hits = lines.Select((text, i) => (text, line: i + 1)).Where(l => pattern.IsMatch(l.text)).Select(l => $"{Path.GetFileName(file)}:{l.line}");
            Assert.Empty(hits);
        });
    }

    [Theory]
    [InlineData("1-2 times per week", 801)]
    [InlineData("once a week", 801)]
    [InlineData("SPF 30", 712)]
    [InlineData("salicylic acid", 402)]
    [InlineData("salicylic acid", 412)]
    [InlineData("glycolic acid", 402)]
    [InlineData("witch hazel", 408)]
    [InlineData("niacinamide", 408)]
    [InlineData("hyaluronic acid", 409)]
    [InlineData("hyaluronic acid", 414)]
    [InlineData("glycerin", 404)]
    [InlineData("retinoids or antibiotics", 606)]
    [InlineData("fragrance-free", 807)]
    public void Key_facts_of_the_guide_survive_word_for_word_in_the_answer_that_needs_them(string fact, int id)
    {
        var pair = fixture.Knowledge.Find(id);

        Assert.NotNull(pair);
        Assert.Contains(fact, pair.Answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Answers_use_straight_apostrophes_and_quotes()
    {
        Assert.All(Pairs, pair => Assert.True(
            pair.Answer.IndexOfAny(['\u2018', '\u2019', '\u201C', '\u201D']) < 0,
            $"{pair.Source}: curly quote in the answer"));
    }

    [Fact]
    public async Task An_id_used_in_two_files_is_reported_naming_both_places()
    {
        using var folder = new TemporaryFolder();
        folder.Write("01-first.qna", """
            > first file
            <a id="5"></a>
            ## ? First question?
            ```markdown
            First answer.
            ```
            """);
        folder.Write("02-second.qna", """
            <a id="6"></a>
            ## ? Second question?
            ```markdown
            Second answer.
            ```

            <a id="5"></a>
            ## ? Third question?
            ```markdown
            Third answer.
            ```
            """);

        var error = await Assert.ThrowsAsync<KnowledgeFormatException>(() => KnowledgeBase.LoadAsync(folder.Path, CancellationToken.None));

        Assert.Equal("02-second.qna", error.File);
        Assert.Equal(8, error.Line);
        Assert.Contains("5", error.Problem, StringComparison.Ordinal);
        Assert.Contains("01-first.qna:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_to_an_id_no_pair_has_is_reported_at_its_pair()
    {
        using var folder = new TemporaryFolder();
        folder.Write("01-first.qna", """
            <a id="5"></a>
            ## ? First question?
            ```markdown
            First answer.
            ```
            **Prompts:**
            - [Gone](#9)
            """);

        var error = await Assert.ThrowsAsync<KnowledgeFormatException>(() => KnowledgeBase.LoadAsync(folder.Path, CancellationToken.None));

        Assert.Equal("01-first.qna", error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("9", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_file_stops_loading_with_its_name_and_line()
    {
        using var folder = new TemporaryFolder();
        folder.Write("01-first.qna", """
            <a id="5"></a>
            ## ? First question?
            ```markdown
            First answer.
            ```
            """);
        folder.Write("02-broken.qna", """
            <a id="6"></a>
            ## ? Question?
            **Filters:**
            - section
            ```markdown
            Answer.
            ```
            """);

        var error = await Assert.ThrowsAsync<KnowledgeFormatException>(() => KnowledgeBase.LoadAsync(folder.Path, CancellationToken.None));

        Assert.StartsWith("02-broken.qna:4: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_synonym_rule_is_reported_at_its_line()
    {
        using var folder = new TemporaryFolder();
        folder.Write("01-first.qna", """
            <a id="5"></a>
            ## ? What is a toner?
            ```markdown
            A toner refines the skin after cleansing.
            ```
            """);
        folder.Write(KnowledgeBase.SynonymFileName, """
            # a comment
            toner, astringent
            make-up, the
            acne, zit
            """);
        var knowledge = await KnowledgeBase.LoadAsync(folder.Path, CancellationToken.None);

        var error = Assert.Throws<KnowledgeFormatException>(() => Search.KnowledgeIndex.Build(knowledge).Dispose());

        Assert.Equal(KnowledgeBase.SynonymFileName, error.File);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public async Task A_folder_without_knowledge_files_is_reported()
    {
        using var folder = new TemporaryFolder();
        folder.Write("notes.txt", "not knowledge");

        await Assert.ThrowsAsync<FileNotFoundException>(() => KnowledgeBase.LoadAsync(folder.Path, CancellationToken.None));
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => KnowledgeBase.LoadAsync(System.IO.Path.Combine(folder.Path, "missing"), CancellationToken.None));
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public TemporaryFolder()
        {
            Path = Directory.CreateTempSubdirectory("cleansebot-knowledge-").FullName;
        }

        public string Path { get; }

        public void Write(string fileName, string text) => File.WriteAllText(System.IO.Path.Combine(Path, fileName), text);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
