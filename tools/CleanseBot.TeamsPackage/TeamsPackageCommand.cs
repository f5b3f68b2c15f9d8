namespace CleanseBot.TeamsPackage;

/// <summary>
/// <c>dotnet run --project tools/CleanseBot.TeamsPackage [-- --app-id GUID] [--output PATH]</c>: writes the Teams app
/// package for the bot's Microsoft App ID, by default to artifacts/teams/cleansebot-teams.zip under the current folder.
/// Exits with 1 when there is no valid Microsoft App ID, and with 2 for a command line it does not understand.
/// </summary>
internal static class TeamsPackageCommand
{
    public static int Main(string[] args) =>
        Run(args, Environment.GetEnvironmentVariable, AppContext.BaseDirectory, Console.Out, Console.Error);

    /// <param name="args">The command line.</param>
    /// <param name="environment">Reads an environment variable; tests pass their own.</param>
    /// <param name="baseDirectory">Where the build copied appsettings.json and the teams/ files.</param>
    /// <param name="output">Where the result is reported.</param>
    /// <param name="error">Where problems are reported.</param>
    internal static int Run(IReadOnlyList<string> args, Func<string, string?> environment, string baseDirectory, TextWriter output, TextWriter error)
    {
        var commandLine = CommandLine.Parse(args);
        if (commandLine.Problem is { } problem)
        {
            error.WriteLine(problem);
            error.WriteLine(CommandLine.Usage);
            return 2;
        }

        if (commandLine.Help)
        {
            output.WriteLine(CommandLine.Usage);
            return 0;
        }

        var appId = MicrosoftAppId.Find(commandLine.AppId, environment, Path.Combine(baseDirectory, "appsettings.json"));
        if (appId.Problem is { } missing)
        {
            error.WriteLine(missing);
            return 1;
        }

        var zipPath = Path.GetFullPath(commandLine.Output);
        TeamsAppPackage.Write(Path.Combine(baseDirectory, "teams"), appId.Value, zipPath);
        output.WriteLine($"Wrote {zipPath} for Microsoft App ID {appId.Value:D} (from {appId.Source}).");
        output.WriteLine("Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.");
        return 0;
    }
}
