using System.ComponentModel.DataAnnotations;

namespace CleanseBot.Hosting;

/// <summary>Where the knowledge files are, and where built indexes of them are kept. Section "Knowledge" of appsettings.json.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The folder of <c>.qna</c> files; relative paths are resolved against the content root (the binary's folder).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Folder { get; set; } = "knowledge";

    /// <summary>
    /// Where the built index is saved so the next start opens it instead of building it again; relative paths are
    /// resolved against <see cref="Folder"/>. Set it empty to build at every start (a read-only disk needs no
    /// setting: a snapshot that cannot be saved is logged and the service goes on).
    /// </summary>
    public string SnapshotFolder { get; set; } = ".index";

    /// <summary>
    /// Whether a saved change to a <c>.qna</c> file or a word list in <see cref="Folder"/> reloads the knowledge while
    /// the bot runs. SIGHUP and POST /admin/knowledge/reload reload it either way.
    /// </summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>
    /// How long the folder must stay quiet after a change before the reload starts: an editor saves a file in several
    /// writes (a temporary file, a rename, a touch), and a content owner may save several files at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(500);
}
