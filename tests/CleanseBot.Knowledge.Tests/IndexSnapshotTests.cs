using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// A built index saved for the next start: opened only for the knowledge it was built from, and then searching
/// exactly as the index it was saved from.
/// </summary>
[Collection(RealKnowledge.Name)]
public sealed class IndexSnapshotTests(KnowledgeFixture fixture) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cleansebot-snapshots-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void An_opened_snapshot_answers_every_evaluation_message_exactly_as_the_index_it_was_saved_from()
    {
        var snapshots = new IndexSnapshots(_folder);
        snapshots.Save(fixture.Index);

        using var opened = snapshots.TryOpen(fixture.Knowledge);

        Assert.NotNull(opened);
        var compared = 0;
        foreach (var message in Repository.EvaluationMessages())
        {
            Assert.Equal(Describe(fixture.Index.Search(message, 5)), Describe(opened.Search(message, 5)));
            compared++;
        }

        Assert.True(compared > 200, $"only {compared} messages compared");
    }

    [Fact]
    public void There_is_nothing_to_open_before_a_snapshot_is_saved()
    {
        Assert.Null(new IndexSnapshots(_folder).TryOpen(fixture.Knowledge));
    }

    [Theory]
    [InlineData("alternate")]
    [InlineData("answer")]
    [InlineData("order")]
    [InlineData("synonyms")]
    public void A_snapshot_is_not_opened_for_knowledge_that_changed_since(string change)
    {
        var snapshots = new IndexSnapshots(_folder);
        snapshots.Save(fixture.Index);
        var pairs = fixture.Knowledge.Pairs.ToList();
        var synonyms = fixture.Knowledge.Synonyms;
        switch (change)
        {
            case "alternate":
                pairs[3] = pairs[3] with { AlternateQuestions = [.. pairs[3].AlternateQuestions, "is it ok to steam every day"] };
                break;
            case "answer":
                pairs[0] = pairs[0] with { Answer = pairs[0].Answer + " Rinse with lukewarm water." };
                break;
            case "order":
                (pairs[0], pairs[1]) = (pairs[1], pairs[0]);
                break;
            default:
                synonyms = new SynonymSource(synonyms.FileName, synonyms.Text + "\nflannel, washcloth\n");
                break;
        }

        Assert.Null(snapshots.TryOpen(new KnowledgeBase(pairs, synonyms)));
    }

    [Fact]
    public void Saving_for_new_knowledge_removes_the_snapshot_of_the_old()
    {
        var snapshots = new IndexSnapshots(_folder);
        var pairs = fixture.Knowledge.Pairs.Take(10).Select(pair => pair with { Prompts = [] }).ToList();
        using var smaller = KnowledgeIndex.Build(new KnowledgeBase(pairs));
        snapshots.Save(smaller);

        snapshots.Save(fixture.Index);

        var saved = Assert.Single(Directory.GetDirectories(_folder));
        Assert.Equal(IndexSnapshots.Fingerprint(fixture.Knowledge), Path.GetFileName(saved));
        Assert.Null(snapshots.TryOpen(smaller.Knowledge));
    }

    [Fact]
    public void A_damaged_snapshot_is_reported_rather_than_opened()
    {
        var snapshots = new IndexSnapshots(_folder);
        snapshots.Save(fixture.Index);
        var postings = Directory.GetFiles(Path.Combine(_folder, IndexSnapshots.Fingerprint(fixture.Knowledge)), "*.tim").Single();
        File.WriteAllBytes(postings, File.ReadAllBytes(postings)[..100]);

        Assert.ThrowsAny<Exception>(() => snapshots.TryOpen(fixture.Knowledge)?.Dispose());
    }

    [Fact]
    public void A_snapshot_whose_analysed_questions_are_cut_short_is_reported_rather_than_opened()
    {
        var snapshots = new IndexSnapshots(_folder);
        snapshots.Save(fixture.Index);
        var questions = Path.Combine(_folder, IndexSnapshots.Fingerprint(fixture.Knowledge), "questions.terms");
        File.WriteAllLines(questions, File.ReadAllLines(questions)[..^1]);

        Assert.Throws<InvalidDataException>(() => snapshots.TryOpen(fixture.Knowledge)?.Dispose());
    }

    [Fact]
    public void Starts_saving_the_same_knowledge_at_once_leave_one_whole_snapshot()
    {
        var snapshots = new IndexSnapshots(_folder);

        Parallel.For(0, 4, _ => snapshots.Save(fixture.Index));

        Assert.Single(Directory.GetDirectories(_folder));
        using var opened = snapshots.TryOpen(fixture.Knowledge);
        Assert.NotNull(opened);
    }

    [Fact]
    public void The_fingerprint_is_the_same_for_the_same_knowledge_read_twice()
    {
        var again = new KnowledgeBase([.. fixture.Knowledge.Pairs], fixture.Knowledge.Synonyms);

        Assert.Equal(IndexSnapshots.Fingerprint(fixture.Knowledge), IndexSnapshots.Fingerprint(again));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Describe(SearchResult result) =>
        string.Join(", ", result.Candidates.Select(candidate => $"{candidate.Pair.Id}:{candidate.Score:R}:{candidate.Confidence:R}"));
}
