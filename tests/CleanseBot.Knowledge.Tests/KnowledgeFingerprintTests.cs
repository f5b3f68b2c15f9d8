namespace CleanseBot.Knowledge.Tests;

/// <summary>
/// The name /healthz gives the knowledge serving: the same files give the same name, and a change to any file the bot
/// reads (a .qna file, the synonyms, the warning signs) gives another; other files in the folder do not count.
/// </summary>
public sealed class KnowledgeFingerprintTests : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("cleansebot-fingerprint-").FullName;

    public KnowledgeFingerprintTests()
    {
        foreach (var file in Directory.GetFiles(KnowledgeFixture.Folder))
        {
            File.Copy(file, Path.Combine(_copy, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void The_same_files_give_the_same_fingerprint_wherever_they_are()
    {
        Assert.Equal(KnowledgeFingerprint.Of(KnowledgeFixture.Folder), KnowledgeFingerprint.Of(_copy));
        Assert.Matches("^[0-9a-f]{16}$", KnowledgeFingerprint.Of(_copy));
    }

    [Theory]
    [InlineData("08-faq.qna")]
    [InlineData("synonyms.txt")]
    [InlineData("warning-signs.txt")]
    [InlineData("out-of-scope.txt")]
    public void A_change_to_any_file_the_bot_reads_changes_the_fingerprint(string file)
    {
        var before = KnowledgeFingerprint.Of(_copy);

        File.AppendAllText(Path.Combine(_copy, file), "\n");

        Assert.NotEqual(before, KnowledgeFingerprint.Of(_copy));
        Assert.True(KnowledgeFingerprint.Covers(file));
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData(".08-faq.qna.swp")]
    [InlineData("4913")]
    public void Other_files_in_the_folder_do_not_count(string file)
    {
        var before = KnowledgeFingerprint.Of(_copy);

        File.WriteAllText(Path.Combine(_copy, file), "notes");

        Assert.Equal(before, KnowledgeFingerprint.Of(_copy));
        Assert.False(KnowledgeFingerprint.Covers(file));
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);
}
