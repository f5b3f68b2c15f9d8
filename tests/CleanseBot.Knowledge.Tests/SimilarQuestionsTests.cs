using CleanseBot.Knowledge.Model;
using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// The search's sense of meaning (<see cref="WordVectors"/>, distilled from MiniLM by tools/CleanseBot.WordVectors):
/// it reorders candidates the words leave unsure, and never decides on its own whether the bot answers.
/// </summary>
public sealed class SimilarQuestionsTests
{
    private static readonly Lazy<WordVectors> Vectors = new(WordVectors.Load);

    private static readonly QnaPair Beautician = Pair(1, "Can I ask my beautician for a gentler facial?");
    private static readonly QnaPair Volcano = Pair(2, "Why do volcanoes erupt?");

    [Theory]
    [InlineData("esthetician", "beautician", "volcano")]
    [InlineData("shrink", "smaller", "kitchen")]
    [InlineData("acne", "breakouts", "railway")]
    public void Words_about_the_same_thing_are_closer_in_meaning_than_unrelated_words(string word, string near, string far)
    {
        Assert.True(Similarity(word, near) > Similarity(word, far) + 0.1, $"{word}~{near} {Similarity(word, near):F2}, {word}~{far} {Similarity(word, far):F2}");
    }

    [Fact]
    public void An_unsure_candidate_nearer_in_meaning_comes_first_and_the_confidences_stay_the_words()
    {
        var candidates = new List<SearchCandidate> { new(Volcano, 10f, 0.60), new(Beautician, 9f, 0.58) };

        Rescore(candidates, "esthetician appointment");

        SearchResult.BestFirst(candidates, 2);
        Assert.Equal([Beautician.Id, Volcano.Id], candidates.Select(candidate => candidate.Pair.Id));
        Assert.Equal([0.60, 0.58], candidates.Select(candidate => candidate.Confidence));
    }

    [Fact]
    public void A_clear_answer_is_left_as_the_words_found_it()
    {
        var candidates = new List<SearchCandidate> { new(Volcano, 10f, 0.95), new(Beautician, 9f, 0.58) };

        Rescore(candidates, "esthetician appointment");

        Assert.Equal([0.95, 0.58], candidates.Select(candidate => candidate.Confidence));
        Assert.All(candidates, candidate => Assert.Null(candidate.Similarity));
    }

    [Fact]
    public void The_vectors_survive_being_written_and_read_back()
    {
        using var file = new MemoryStream();
        WordVectors.Write(file, [("pore", [0.5f, -0.25f, 1f]), ("toner", [0f, 0f, -2f])]);
        file.Position = 0;

        var read = WordVectors.Read(file);

        Span<float> pore = stackalloc float[3];
        Assert.True(read.Add("pore", pore));
        Assert.False(read.Add("volcano", pore));
        Assert.Equal(2, read.WordCount);
        Assert.Equal([0.5f, -0.25f, 1f], pore.ToArray().Select(value => MathF.Round(value, 2)));
    }

    private static void Rescore(List<SearchCandidate> candidates, string message)
    {
        using var analyzer = new KnowledgeAnalyzer();
        var similar = new SimilarQuestions([Beautician, Volcano], Vectors, analyzer);
        var terms = analyzer.Terms(message).Select(term => new QueryTerm(term, null)).ToList();
        // A pair's position in the knowledge is its id less one here.
        Span<double> meaning = stackalloc double[candidates.Count];
        similar.Measure([candidates[0].Pair.Id - 1, candidates[1].Pair.Id - 1], terms, meaning);
        SimilarQuestions.Reorder(candidates, meaning);
    }

    private static double Similarity(string a, string b)
    {
        var vectors = Vectors.Value;
        using var analyzer = new KnowledgeAnalyzer();
        Span<float> first = stackalloc float[vectors.Dimensions];
        Span<float> second = stackalloc float[vectors.Dimensions];
        first.Clear();
        second.Clear();
        Assert.True(vectors.Add(analyzer.Terms(a).Single(), first));
        Assert.True(vectors.Add(analyzer.Terms(b).Single(), second));
        WordVectors.Normalise(first);
        WordVectors.Normalise(second);
        return WordVectors.Cosine(first, second);
    }

    private static QnaPair Pair(int id, string question) =>
        new(id, question, [], "An answer.", [new QnaFilter(KnownFilters.Section, "Test")], [], new SourceLocation("test.qna", id));
}
