using System.Text.Json;

namespace CleanseBot.TeamsPackage;

/// <summary>
/// The bot's Microsoft App ID, found where the bot itself would find it and in the same order: the command line
/// (<c>--app-id</c>), then the <c>MicrosoftAppId</c> environment variable, then <c>MicrosoftAppId</c> in
/// appsettings.json. Either <see cref="Value"/> is set, or <see cref="Problem"/> says what to do.
/// </summary>
internal sealed record MicrosoftAppId(Guid Value, string Source, string? Problem)
{
    public const string Key = "MicrosoftAppId";

    private const string HowToSet =
        "Register the bot in Azure (see the README, \"Run it in Microsoft Teams\"), then give its Microsoft App ID " +
        "with --app-id, the MicrosoftAppId environment variable or MicrosoftAppId in appsettings.json.";

    public static MicrosoftAppId Find(string? fromCommandLine, Func<string, string?> environment, string appSettingsPath)
    {
        var (value, source) = fromCommandLine is not null ? (fromCommandLine, "--app-id")
            : environment(Key) is { } fromEnvironment ? (fromEnvironment, "the MicrosoftAppId environment variable")
            : (ReadAppSettings(appSettingsPath), "MicrosoftAppId in appsettings.json");

        if (string.IsNullOrWhiteSpace(value))
        {
            return Failed(source, $"The Teams app package needs the bot's Microsoft App ID, but {source} is empty. {HowToSet}");
        }

        // The manifest schema accepts only the 8-4-4-4-12 form, the one the Azure portal shows.
        if (!Guid.TryParseExact(value.Trim(), "D", out var appId) || appId == Guid.Empty)
        {
            return Failed(source,
                $"{source} is \"{value}\", which is not a Microsoft App ID: that is a GUID such as " +
                "3f2504e0-4f89-41d3-9a0c-0305e82c3301, shown as \"Microsoft App ID\" on the Azure Bot's Configuration page.");
        }

        return new MicrosoftAppId(appId, source, Problem: null);
    }

    private static MicrosoftAppId Failed(string source, string problem) => new(Guid.Empty, source, problem);

    /// <summary>The top-level MicrosoftAppId, read as ASP.NET Core configuration reads it: comments allowed, any letter case.</summary>
    private static string? ReadAppSettings(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var settings = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        foreach (var property in settings.RootElement.EnumerateObject())
        {
            if (string.Equals(property.Name, Key, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }
}
