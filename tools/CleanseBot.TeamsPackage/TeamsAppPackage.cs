using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace CleanseBot.TeamsPackage;

/// <summary>
/// The Teams app package: manifest.json, filled in from teams/manifest.template.json, and the two icons, all at the
/// root of one zip (Teams rejects a package whose files sit in a folder).
/// </summary>
internal static class TeamsAppPackage
{
    public const string ManifestTemplate = "manifest.template.json";

    /// <summary>Where the template wants the Microsoft App ID: the app's own id and its bot's id.</summary>
    public const string AppIdPlaceholder = "{{MicrosoftAppId}}";

    public const string Manifest = "manifest.json";

    /// <summary>The icons, named as in the template's "icons" and copied as they are.</summary>
    public static IReadOnlyList<string> Icons { get; } = ["color.png", "outline.png"];

    /// <summary>The manifest for <paramref name="appId"/>.</summary>
    /// <exception cref="JsonException">The template is not valid JSON once filled in.</exception>
    public static string FillTemplate(string template, Guid appId)
    {
        var manifest = template.Replace(AppIdPlaceholder, appId.ToString("D"), StringComparison.Ordinal);

        // Fail here, naming the line, rather than in Teams with "the manifest could not be parsed".
        using var parsed = JsonDocument.Parse(manifest);
        return manifest;
    }

    /// <summary>Writes the package to <paramref name="zipPath"/>, replacing any earlier one.</summary>
    /// <param name="sourceFolder">The folder holding the template and the icons.</param>
    /// <param name="appId">The bot's Microsoft App ID.</param>
    /// <param name="zipPath">Where to write the package; its folder is created if need be.</param>
    public static void Write(string sourceFolder, Guid appId, string zipPath)
    {
        var manifest = FillTemplate(File.ReadAllText(Path.Combine(sourceFolder, ManifestTemplate)), appId);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        using var file = new FileStream(zipPath, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry(Manifest).Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            writer.Write(manifest);
        }

        foreach (var icon in Icons)
        {
            zip.CreateEntryFromFile(Path.Combine(sourceFolder, icon), icon);
        }
    }
}
