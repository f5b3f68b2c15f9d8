using System.ComponentModel.DataAnnotations;

namespace CleanseBot.Hosting;

/// <summary>Where the knowledge files are. Section "Knowledge" of appsettings.json.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The folder of <c>.qna</c> files; relative paths are resolved against the content root (the binary's folder).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Folder { get; set; } = "knowledge";
}
