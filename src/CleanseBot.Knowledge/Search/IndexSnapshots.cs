using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace CleanseBot.Knowledge.Search;

/// <summary>
/// Built indexes saved in a folder, one sub-folder per knowledge, so a start-up can open the index instead of
/// building it: building is mostly first-time code (the synonym map, the analysis chain, the index writer), which
/// a cold start pays in full. A snapshot is found by the fingerprint of what it was built from: the knowledge's
/// text and the code that analyses and indexes it, so an edited <c>.qna</c> file or a changed analysis chain never
/// meets an old snapshot.
/// </summary>
public sealed class IndexSnapshots(string folder)
{
    // Raised by hand only if the snapshot layout itself changes; code changes already change the fingerprint.
    private const string Format = "cleansebot-index-snapshot-2";

    // Next to Lucene's own files, which it does not read.
    private const string QuestionsFile = "questions.terms";

    // Left behind only by a process that died while saving; younger ones may belong to a save under way.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    // A start with no snapshot yet looks for one and then saves one for the same knowledge: its text is walked once.
    private Fingerprinted? _last;

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>
    /// Opens the snapshot saved for <paramref name="knowledge"/>, or returns null if there is none. Throws if one is
    /// there but cannot be read (a damaged disk, a half-copied folder); building the index is then the way on.
    /// </summary>
    public KnowledgeIndex? TryOpen(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var path = Path.Combine(Folder, FingerprintOf(knowledge));
        if (!System.IO.Directory.Exists(path))
        {
            return null;
        }

        var memory = new RAMDirectory();
        try
        {
            // Read whole into memory, as a built index lives: searching never touches the disk. Plain file reads:
            // Lucene's FSDirectory costs a cold start more to set up than the few small files take to read.
            foreach (var file in System.IO.Directory.EnumerateFiles(path))
            {
                if (Path.GetFileName(file) != QuestionsFile)
                {
                    var bytes = File.ReadAllBytes(file);
                    using var output = memory.CreateOutput(Path.GetFileName(file), IOContext.DEFAULT);
                    output.WriteBytes(bytes, bytes.Length);
                }
            }

            using var questions = File.OpenText(Path.Combine(path, QuestionsFile));
            return KnowledgeIndex.Open(knowledge, memory, IndexedQuestions.Read(questions, knowledge.Pairs));
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Saves <paramref name="index"/> for the next start and removes the snapshots of other knowledge. Written
    /// aside and then renamed into place, so a process starting meanwhile sees a whole snapshot or none.
    /// </summary>
    public void Save(KnowledgeIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var fingerprint = FingerprintOf(index.Knowledge);
        var path = Path.Combine(Folder, fingerprint);
        System.IO.Directory.CreateDirectory(Folder);
        if (!System.IO.Directory.Exists(path))
        {
            var aside = Path.Combine(Folder, $".{fingerprint}.{Guid.NewGuid():N}.saving");
            try
            {
                System.IO.Directory.CreateDirectory(aside);
                index.SaveTo(aside, QuestionsFile);
                System.IO.Directory.Move(aside, path);
            }
            catch (IOException) when (System.IO.Directory.Exists(path))
            {
                // Another process starting on the same knowledge saved it first: theirs is as good.
            }
            finally
            {
                if (System.IO.Directory.Exists(aside))
                {
                    System.IO.Directory.Delete(aside, recursive: true);
                }
            }
        }

        RemoveAllBut(fingerprint);
    }

    // The fingerprint of the knowledge last looked for or saved, computed once for both.
    private string FingerprintOf(KnowledgeBase knowledge)
    {
        var last = _last;
        if (!ReferenceEquals(last?.Knowledge, knowledge))
        {
            last = new Fingerprinted(knowledge, Fingerprint(knowledge));
            _last = last;
        }

        return last.Fingerprint;
    }

    /// <summary>
    /// What a snapshot must have been built from to be opened for <paramref name="knowledge"/>: every indexed
    /// word of it, in order (a document's number is its pair's position), and the exact build of the code that
    /// analyses and indexes (deterministic builds give a new module id exactly when the code changes).
    /// </summary>
    public static string Fingerprint(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);

        // FNV-1a, 64 bits: this guards against stale snapshots, not against an attacker (who could edit the
        // knowledge itself), and unlike SHA-256 it needs no cryptography library loaded at start-up.
        var hash = 14695981039346656037UL;
        Add(Format);
        foreach (var assembly in new[] { typeof(KnowledgeIndex).Assembly, typeof(IndexWriter).Assembly, typeof(Lucene.Net.Analysis.Synonym.SynonymMap).Assembly })
        {
            Add(assembly.ManifestModule.ModuleVersionId.ToString("N"));
        }

        foreach (var pair in knowledge.Pairs)
        {
            Add(pair.Question);
            Add(pair.Section);
            Add(pair.Answer);
            foreach (var alternate in pair.AlternateQuestions)
            {
                Add(alternate);
            }

            // Ends the pair: moving an alternate to the next pair changes the fingerprint.
            Add(string.Empty);
        }

        Add(knowledge.Synonyms.Text);
        return hash.ToString("x16", CultureInfo.InvariantCulture);

        // Each text ends with a character no text holds, so no two different sequences of texts hash alike.
        void Add(string text)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            hash = (hash ^ 0xFFFF) * 1099511628211UL;
        }
    }

    // Best effort: a snapshot another process still reads, or cannot be deleted, is left for a later start.
    private void RemoveAllBut(string fingerprint)
    {
        foreach (var path in System.IO.Directory.EnumerateDirectories(Folder))
        {
            var name = Path.GetFileName(path);
            var abandoned = name.EndsWith(".saving", StringComparison.Ordinal) && System.IO.Directory.GetLastWriteTimeUtc(path) < DateTime.UtcNow - AbandonedAfter;
            if (name == fingerprint || (name.StartsWith('.') && !abandoned))
            {
                continue;
            }

            try
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Left for a later start.
            }
        }
    }

    private sealed record Fingerprinted(KnowledgeBase Knowledge, string Fingerprint);
}
