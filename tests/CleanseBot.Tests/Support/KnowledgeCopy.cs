namespace CleanseBot.Tests.Support;

/// <summary>A copy of the knowledge files in a folder of its own, for a test whose service saves an index there.</summary>
internal static class KnowledgeCopy
{
    /// <summary>The copy's folder; the test deletes it.</summary>
    public static string Make()
    {
        var copy = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cleansebot-knowledge-" + Guid.NewGuid().ToString("N"))).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "knowledge")))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }
}
