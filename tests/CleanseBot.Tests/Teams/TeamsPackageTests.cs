using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using CleanseBot.Answering;
using CleanseBot.TeamsPackage;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Teams;

/// <summary>
/// The Teams app package as <c>dotnet run --project tools/CleanseBot.TeamsPackage</c> writes it: what Teams checks
/// when the zip is uploaded (the files at the root, the manifest's required fields and limits, the icons' sizes and
/// colours), and that the commands it lists are questions the bot answers.
/// </summary>
public sealed partial class TeamsPackageTests : IDisposable
{
    private const string SampleAppId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    private static readonly string TeamsFolder = Path.Combine(AppContext.BaseDirectory, "teams");

    private readonly string _folder = Directory.CreateTempSubdirectory("cleansebot-teams-").FullName;

    private string ZipPath => Path.Combine(_folder, "out", "cleansebot-teams.zip");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every command the manifest lists, other than "help".</summary>
    public static TheoryData<string> ExampleQuestionCommands() =>
        [.. Commands(JsonDocument.Parse(File.ReadAllText(Path.Combine(TeamsFolder, TeamsAppPackage.ManifestTemplate))).RootElement)
            .Select(command => command.Title)
            .Where(title => title != "help")];

    [Fact]
    public void Writes_a_zip_holding_exactly_the_manifest_and_both_icons_at_its_root()
    {
        var package = Build();

        Assert.Equal(["color.png", "manifest.json", "outline.png"], package.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Uses_the_Microsoft_App_ID_as_the_app_id_and_the_bot_id()
    {
        var manifest = Manifest(Build());

        Assert.Equal(SampleAppId, manifest.GetProperty("id").GetString());
        Assert.Equal(SampleAppId, Bot(manifest).GetProperty("botId").GetString());
        Assert.DoesNotContain(TeamsAppPackage.AppIdPlaceholder, manifest.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Has_every_field_the_Teams_manifest_schema_requires_within_its_limits()
    {
        var manifest = Manifest(Build());

        Assert.Matches(@"^1\.\d+$", manifest.GetProperty("manifestVersion").GetString());
        Assert.EndsWith($"/v{manifest.GetProperty("manifestVersion").GetString()}/MicrosoftTeams.schema.json", manifest.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        Assert.Matches(SemanticVersion(), manifest.GetProperty("version").GetString());
        Assert.Matches(AppIdForm(), manifest.GetProperty("id").GetString());

        var developer = manifest.GetProperty("developer");
        Assert.InRange(developer.GetProperty("name").GetString()!.Length, 1, 32);
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.StartsWith("https://", developer.GetProperty(url).GetString(), StringComparison.Ordinal);
        }

        Assert.InRange(manifest.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(manifest.GetProperty("name").GetProperty("full").GetString()!.Length, 1, 100);
        Assert.InRange(manifest.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);
        Assert.InRange(manifest.GetProperty("description").GetProperty("full").GetString()!.Length, 1, 4000);
        Assert.Equal("color.png", manifest.GetProperty("icons").GetProperty("color").GetString());
        Assert.Equal("outline.png", manifest.GetProperty("icons").GetProperty("outline").GetString());
        Assert.Matches("^#[0-9A-Fa-f]{6}$", manifest.GetProperty("accentColor").GetString());
    }

    [Fact]
    public void Describes_itself_as_answers_from_a_guide_and_not_medical_advice()
    {
        var description = Manifest(Build()).GetProperty("description");

        Assert.Contains("deep pore cleansing", description.GetProperty("short").GetString(), StringComparison.Ordinal);
        Assert.Contains("not medical advice", description.GetProperty("full").GetString(), StringComparison.Ordinal);
        Assert.Contains("dermatologist", description.GetProperty("full").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Offers_the_bot_in_personal_chats_teams_and_group_chats_as_a_conversational_bot()
    {
        var bot = Bot(Manifest(Build()));

        // The schema's own spelling: "groupChat", not "groupchat".
        string[] everywhere = ["groupChat", "personal", "team"];
        Assert.Equal(everywhere, Strings(bot.GetProperty("scopes")).Order(StringComparer.Ordinal));
        Assert.False(bot.GetProperty("supportsFiles").GetBoolean());
        Assert.False(bot.GetProperty("isNotificationOnly").GetBoolean());
        Assert.Equal(everywhere, bot.GetProperty("commandLists").EnumerateArray()
            .SelectMany(list => Strings(list.GetProperty("scopes"))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Lists_help_and_example_questions_as_commands_within_the_limits_Teams_shows()
    {
        var manifest = Manifest(Build());
        var commands = Commands(manifest).ToList();

        Assert.Contains(commands, command => command.Title == "help");
        Assert.InRange(commands.Count, 2, 10);
        Assert.All(commands, command =>
        {
            // 32 characters: the limit up to schema 1.17 (later schemas allow 128), so older validators accept the titles too.
            Assert.InRange(command.Title.Length, 1, 32);
            Assert.InRange(command.Description.Length, 1, 128);
        });
        Assert.Equal(commands.Count, commands.Select(command => command.Title).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task Answers_the_help_command_with_what_it_can_do()
    {
        var reply = await DialogConversation.FirstMessageAsync("help");

        Assert.Equal(DecisionKind.Help, reply.Decision.Kind);
    }

    [Theory]
    [MemberData(nameof(ExampleQuestionCommands))]
    public async Task Answers_every_example_question_the_command_list_offers(string command)
    {
        var reply = await DialogConversation.FirstMessageAsync(command);

        Assert.Equal(DecisionKind.Answer, reply.Decision.Kind);
        Expect.AnswerOf(reply.Decision.Pair!.Id, reply.Activity);
    }

    [Fact]
    public void Has_a_192_by_192_color_icon_and_a_32_by_32_outline_icon()
    {
        var package = Build();

        var color = PngImage.Read(package["color.png"]);
        var outline = PngImage.Read(package["outline.png"]);

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
    }

    [Fact]
    public void Draws_the_outline_icon_only_in_white_on_a_fully_transparent_background()
    {
        var outline = PngImage.Read(Build()["outline.png"]);
        Assert.True(outline.IsRgba8, "outline.png must be an 8-bit RGBA PNG without interlacing, so its transparency can be checked.");

        var pixels = outline.Pixels().ToList();

        var coloured = pixels.Where(p => p.A != 0 && (p.R, p.G, p.B) != (255, 255, 255)).ToList();
        Assert.True(coloured.Count == 0, $"Pixels that are neither white nor fully transparent: {string.Join(", ", coloured.Take(5))}");
        Assert.Contains(pixels, p => p.A == 255);
        Assert.Contains(pixels, p => p.A == 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Refuses_an_empty_app_id_and_says_where_to_set_it(string appId)
    {
        var result = Run("--app-id", appId, "--output", ZipPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("needs the bot's Microsoft App ID, but --app-id is empty", result.Error, StringComparison.Ordinal);
        Assert.Contains("MicrosoftAppId environment variable", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(ZipPath));
    }

    [Theory]
    [InlineData("cleansebot")]
    [InlineData("3f2504e0")]
    [InlineData("{3f2504e0-4f89-41d3-9a0c-0305e82c3301}")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void Refuses_an_app_id_that_is_not_a_GUID_and_shows_what_one_looks_like(string appId)
    {
        var result = Run("--app-id", appId, "--output", ZipPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--app-id is \"{appId}\", which is not a Microsoft App ID", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(ZipPath));
    }

    [Fact]
    public void Refuses_an_empty_MicrosoftAppId_in_appsettings_json()
    {
        var appSettings = AppSettings("""{ "MicrosoftAppType": "MultiTenant", "MicrosoftAppId": "" }""");

        var appId = MicrosoftAppId.Find(fromCommandLine: null, _ => null, appSettings);

        Assert.Equal("The Teams app package needs the bot's Microsoft App ID, but MicrosoftAppId in appsettings.json is empty. " +
            "Register the bot in Azure (see the README, \"Run it in Microsoft Teams\"), then give its Microsoft App ID with " +
            "--app-id, the MicrosoftAppId environment variable or MicrosoftAppId in appsettings.json.", appId.Problem);
    }

    [Fact]
    public void Takes_the_app_id_from_the_command_line_then_the_environment_then_appsettings_json_as_the_bot_does()
    {
        const string FromFile = "11111111-1111-1111-1111-111111111111";
        const string FromEnvironment = "22222222-2222-2222-2222-222222222222";
        const string FromCommandLine = "33333333-3333-3333-3333-333333333333";
        var appSettings = AppSettings($$"""{ "MicrosoftAppId": "{{FromFile}}" }""");
        Func<string, string?> environment = name => name == "MicrosoftAppId" ? FromEnvironment : null;

        Assert.Equal(FromFile, MicrosoftAppId.Find(null, _ => null, appSettings).Value.ToString());
        Assert.Equal(FromEnvironment, MicrosoftAppId.Find(null, environment, appSettings).Value.ToString());
        Assert.Equal(FromCommandLine, MicrosoftAppId.Find(FromCommandLine, environment, appSettings).Value.ToString());
    }

    [Fact]
    public void Builds_from_the_MicrosoftAppId_environment_variable_when_no_app_id_is_given()
    {
        var result = Run(name => name == "MicrosoftAppId" ? SampleAppId.ToUpperInvariant() : null, "--output", ZipPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"for Microsoft App ID {SampleAppId} (from the MicrosoftAppId environment variable)", result.Output, StringComparison.Ordinal);
        Assert.Equal(SampleAppId, Manifest(Unzip(ZipPath)).GetProperty("id").GetString());
    }

    [Fact]
    public void Rejects_an_unknown_argument_and_shows_the_usage()
    {
        var result = Run("--app-id", SampleAppId, "--outptu", ZipPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown argument: --outptu", result.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project tools/CleanseBot.TeamsPackage", result.Error, StringComparison.Ordinal);
    }

    private Dictionary<string, byte[]> Build()
    {
        var result = Run("--app-id", SampleAppId, $"--output={ZipPath}");
        Assert.True(result.ExitCode == 0, result.Error);
        return Unzip(ZipPath);
    }

    private static CommandResult Run(params string[] args) => Run(_ => null, args);

    private static CommandResult Run(Func<string, string?> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = TeamsPackageCommand.Run(args, environment, AppContext.BaseDirectory, output, error);
        return new CommandResult(exitCode, output.ToString(), error.ToString());
    }

    private string AppSettings(string json)
    {
        var path = Path.Combine(_folder, "appsettings.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static Dictionary<string, byte[]> Unzip(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.ToDictionary(entry => entry.FullName, entry =>
        {
            using var content = entry.Open();
            using var bytes = new MemoryStream();
            content.CopyTo(bytes);
            return bytes.ToArray();
        });
    }

    private static JsonElement Manifest(Dictionary<string, byte[]> package) =>
        JsonDocument.Parse(package["manifest.json"]).RootElement;

    private static JsonElement Bot(JsonElement manifest) => Assert.Single(manifest.GetProperty("bots").EnumerateArray());

    private static IEnumerable<(string Title, string Description)> Commands(JsonElement manifest) =>
        Bot(manifest).GetProperty("commandLists").EnumerateArray()
            .SelectMany(list => list.GetProperty("commands").EnumerateArray())
            .Select(command => (command.GetProperty("title").GetString()!, command.GetProperty("description").GetString()!));

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()!);

    /// <summary>The manifest schema's "semver" definition.</summary>
    [GeneratedRegex(@"^([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)$")]
    private static partial Regex SemanticVersion();

    /// <summary>The manifest schema's "guid" definition.</summary>
    [GeneratedRegex("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")]
    private static partial Regex AppIdForm();

    private sealed record CommandResult(int ExitCode, string Output, string Error);
}
