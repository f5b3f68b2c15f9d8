using System.Globalization;
using System.Text;

namespace CleanseBot.Knowledge;

/// <summary>
/// Names the content of a knowledge folder: the bytes of its <c>.qna</c> files and of the word lists beside them, in
/// name order. A content owner reads it in /healthz to see which version of the guide answers; the service reloads
/// only when it changes. Unlike <see cref="Search.IndexSnapshots.Fingerprint"/> it follows every file the bot reads
/// (the warning signs too) and not the code, so the same files give the same name on every build and replica.
/// </summary>
public static class KnowledgeFingerprint
{
    private static readonly string[] WordLists = [KnowledgeBase.SynonymFileName, KnowledgeBase.WarningSignsFileName, KnowledgeBase.OutOfScopeFileName];

    /// <summary>Whether a change to the file named <paramref name="fileName"/> (in the knowledge folder) changes what the bot knows.</summary>
    public static bool Covers(string? fileName) =>
        fileName is not null
        && (fileName.EndsWith(".qna", StringComparison.OrdinalIgnoreCase) || WordLists.Contains(fileName, StringComparer.Ordinal));

    /// <summary>Sixteen hex digits for the folder's knowledge files as they are now.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no <c>.qna</c> files.</exception>
    public static string Of(string folder)
    {
        // FNV-1a, 64 bits, as for index snapshots: it tells versions apart, it does not guard against an attacker.
        var hash = 14695981039346656037UL;
        var files = KnowledgeBase.QnaFiles(folder).Concat(WordLists.Select(name => Path.Combine(folder, name)).Where(File.Exists));
        foreach (var file in files)
        {
            Add(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            Add(File.ReadAllBytes(file));
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);

        // Each part ends with a value no byte has, so moving text from one file to the next changes the name.
        void Add(byte[] bytes)
        {
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            hash = (hash ^ 0x100) * 1099511628211UL;
        }
    }
}
