using CleanseBot.Knowledge.Search;

namespace CleanseBot.Knowledge.Tests;

/// <summary>The word vectors file is read whole, and every word in it is found again by its exact spelling, and no other.</summary>
public sealed class WordVectorsTests
{
    [Fact]
    public void Finds_every_one_of_thousands_of_words_and_its_own_vector()
    {
        var words = Enumerable.Range(0, 5000).Select(n => ($"word{n}", new[] { n, -n, 1f })).ToList();
        var vectors = RoundTrip(words);

        Assert.Equal(5000, vectors.WordCount);
        foreach (var (word, vector) in words.Where((_, n) => n % 97 == 0))
        {
            var sum = new float[3];
            Assert.True(vectors.Add(word, sum), word);
            Assert.Equal(vector[0], sum[0], tolerance: Math.Max(1, vector[0]) / 100);
            Assert.Equal(vector[1], sum[1], tolerance: Math.Max(1, vector[0]) / 100);
        }
    }

    [Theory]
    [InlineData("pores")]
    [InlineData("Pore")]
    [InlineData("por")]
    [InlineData("")]
    [InlineData("a-word-far-longer-than-any-word-in-the-file")]
    public void Has_no_vector_for_a_word_it_does_not_hold(string word)
    {
        var vectors = RoundTrip([("pore", [1f, 0f, 0f]), ("café", [0f, 1f, 0f])]);

        Assert.False(vectors.Add(word, new float[3]));
    }

    [Fact]
    public void Finds_a_word_spelled_outside_ascii()
    {
        var vectors = RoundTrip([("pore", [1f, 0f, 0f]), ("café", [0f, 1f, 0f])]);
        var sum = new float[3];

        Assert.True(vectors.Add("café", sum));
        Assert.Equal([0f, 1f, 0f], sum);
    }

    [Fact]
    public void Refuses_a_file_cut_short_with_a_clear_error()
    {
        using var file = new MemoryStream();
        WordVectors.Write(file, [("pore", [1f, 0f, 0f]), ("toner", [0f, 1f, 0f])]);
        var cut = new MemoryStream(file.ToArray()[..^2]);

        var error = Assert.Throws<InvalidDataException>(() => WordVectors.Read(cut));

        Assert.Contains("word vectors file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_vectors_hold_the_stems_of_common_words_of_the_guide()
    {
        var vectors = WordVectors.Load();
        var sum = new float[vectors.Dimensions];

        Assert.True(vectors.WordCount > 10_000);
        foreach (var word in (string[])["pore", "cleanser", "toner", "skin"])
        {
            Assert.True(vectors.Add(word, sum), word);
        }
    }

    [Fact]
    public void Reading_the_shipped_vectors_allocates_the_file_and_its_table_only_not_an_object_per_word()
    {
        using var resource = typeof(WordVectors).Assembly.GetManifestResourceStream(WordVectors.ResourceName)!;
        var fileBytes = resource.Length;
        _ = WordVectors.Load(); // code run once, so that only the reading is counted

        var before = GC.GetAllocatedBytesForCurrentThread();
        var vectors = WordVectors.Load();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The table: a start, a length and two slots per word, some 14 bytes; a string and a dictionary entry were over 100.
        Assert.InRange(allocated, fileBytes, fileBytes + (vectors.WordCount * 16L) + 64 * 1024);
    }

    private static WordVectors RoundTrip(IReadOnlyList<(string Word, float[] Vector)> words)
    {
        using var file = new MemoryStream();
        WordVectors.Write(file, words);
        file.Position = 0;
        return WordVectors.Read(file);
    }
}
