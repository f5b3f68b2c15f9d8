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
}
