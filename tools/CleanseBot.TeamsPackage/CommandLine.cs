namespace CleanseBot.TeamsPackage;

/// <summary>The command's options, or what is wrong with the command line.</summary>
internal sealed record CommandLine(string? AppId, string Output, bool Help, string? Problem)
{
    public const string DefaultOutput = "artifacts/teams/cleansebot-teams.zip";

    public const string Usage = """
        Usage: dotnet run --project tools/CleanseBot.TeamsPackage -- [--app-id GUID] [--output PATH]

          --app-id GUID   the bot's Microsoft App ID; by default the MicrosoftAppId environment variable,
                          or else MicrosoftAppId in appsettings.json
          --output PATH   where to write the package (default: artifacts/teams/cleansebot-teams.zip)
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? appId = null;
        var output = DefaultOutput;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "-h" or "--help" or "-?":
                    return new CommandLine(appId, output, Help: true, Problem: null);
                case "--app-id" or "--output":
                    var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                    if (value is null)
                    {
                        return Failed($"{name} needs a value.");
                    }

                    if (name == "--app-id")
                    {
                        appId = value;
                    }
                    else
                    {
                        output = value;
                    }

                    break;
                default:
                    return Failed($"Unknown argument: {args[i]}");
            }
        }

        return new CommandLine(appId, output, Help: false, Problem: null);
    }

    private static CommandLine Failed(string problem) => new(null, DefaultOutput, Help: false, problem);

    /// <summary>"--output=path" as ("--output", "path"); "--output" as ("--output", null).</summary>
    private static (string Name, string? Value) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }
}
