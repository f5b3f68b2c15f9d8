using System.Data.Common;
using System.Globalization;
using System.Reflection;
using CleanseBot.ContentReview;
using CleanseBot.QuestionLog;
using Microsoft.Extensions.Configuration;

namespace CleanseBot.Insights;

/// <summary>
/// <c>dotnet run --project tools/CleanseBot.Insights -- report [--since 7d]</c>: the insights report from the question
/// log; <c>-- accept &lt;id&gt;</c>: a suggested alternate written into its pair's <c>.qna</c> file in knowledge/ and
/// marked accepted in the log. Both read the log the service writes, by the same QuestionLog settings
/// (appsettings.json, then environment variables such as <c>QuestionLog__ConnectionString</c>, then
/// <c>--QuestionLog:Key value</c> on the command line). Exits with 0 when done, 1 when the log cannot be read or the
/// suggestion is refused (the message says why), 2 for a command line it does not understand.
/// </summary>
internal static class InsightsCommand
{
    public const string Usage = """
        Usage: dotnet run --project tools/CleanseBot.Insights -- report [--since PERIOD] [--QuestionLog:Key value ...]
               dotnet run --project tools/CleanseBot.Insights -- accept ID [--knowledge FOLDER] [--QuestionLog:Key value ...]

          report           what visitors asked that the guide missed, rated unhelpful, or suggested
          accept ID        writes suggestion ID (the report lists the ids) into its pair's .qna file as an alternate
                           question, in place, and marks it accepted; review the change like code (git diff knowledge/)
          --since PERIOD   how far back: 7d (the default), 24h, 90d, or a date such as 2026-11-01 (UTC)
          --knowledge DIR  the knowledge folder accept writes into (default: this repository's knowledge/)
          --QuestionLog:*  any QuestionLog setting, as for the service (Provider, ConnectionString)

        A relative SQLite file is read from the service's build folder (src/CleanseBot/bin/...), where
        `dotnet run --project src/CleanseBot` writes it.
        """;

    public static async Task<int> Main(string[] args) => await RunAsync(args, Console.Out, Console.Error, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);

    internal static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        if (args is [] or ["-h" or "--help" or "-?"])
        {
            output.WriteLine(Usage);
            return args.Count == 0 ? 2 : 0;
        }

        var now = time.GetUtcNow();
        var command = ReadCommandLine(args, now, error);
        if (command is null)
        {
            error.WriteLine(Usage);
            return 2;
        }

        var options = ReadOptions(command.Settings);
        await using var store = QuestionLogStore.Create(options, ServiceFolder());
        if (options.Provider == QuestionLogProvider.Sqlite && !File.Exists(store.Describe()))
        {
            error.WriteLine($"There is no question log at {store.Describe()} yet: it is made when the service first starts with QuestionLog:Enabled true.");
            return 1;
        }

        try
        {
            if (command.AcceptId is { } id)
            {
                var accepted = await SuggestionAcceptance.AcceptAsync(store, command.KnowledgeFolder ?? KnowledgeFolder(), id, now, cancellationToken).ConfigureAwait(false);
                (accepted.Accepted ? output : error).WriteLine(accepted.Message);
                if (accepted.Accepted)
                {
                    output.WriteLine("Review the change like code: git diff knowledge/, then a pull request.");
                }

                return accepted.Accepted ? 0 : 1;
            }

            (await InsightsReading.ReadAsync(store, command.Since, now, cancellationToken).ConfigureAwait(false)).Print(output);
            return 0;
        }
        catch (DbException problem)
        {
            error.WriteLine($"Could not read the question log at {store.Describe()}: {problem.Message}");
            return 1;
        }
    }

    // The command line read: report or accept, and the settings; null (after saying why) for one it does not understand.
    private static CommandLine? ReadCommandLine(IReadOnlyList<string> args, DateTimeOffset now, TextWriter error)
    {
        ReportPeriod.TryParseSince(ReportPeriod.Default, now, out var since);
        long? acceptId = null;
        string? knowledge = null;
        var first = 1;
        switch (args[0])
        {
            case "report":
                break;
            case "accept" when args.Count > 1 && long.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                acceptId = id;
                first = 2;
                break;
            case "accept":
                error.WriteLine("accept takes the id of a suggestion, as the report lists it: accept 12.");
                return null;
            default:
                error.WriteLine($"Unknown command '{args[0]}'.");
                return null;
        }

        var settings = new List<string>();
        for (var i = first; i < args.Count; i++)
        {
            if (args[i] == "--since" && acceptId is null && i + 1 < args.Count)
            {
                if (!ReportPeriod.TryParseSince(args[++i], now, out since))
                {
                    error.WriteLine($"--since takes a period such as 7d or 24h, or a date such as 2026-11-01, not '{args[i]}'.");
                    return null;
                }
            }
            else if (args[i] == "--knowledge" && acceptId is not null && i + 1 < args.Count)
            {
                knowledge = args[++i];
            }
            else if (args[i].StartsWith("--QuestionLog:", StringComparison.OrdinalIgnoreCase) || args[i].StartsWith("--QuestionLog__", StringComparison.OrdinalIgnoreCase))
            {
                settings.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                {
                    settings.Add(args[++i]);
                }
            }
            else
            {
                error.WriteLine($"Unknown option '{args[i]}'.");
                return null;
            }
        }

        return new CommandLine(since, acceptId, knowledge, settings);
    }

    private static QuestionLogOptions ReadOptions(List<string> commandLine)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. commandLine])
            .Build();
        return configuration.GetSection(QuestionLogOptions.SectionName).Get<QuestionLogOptions>() ?? new QuestionLogOptions();
    }

    private static string ServiceFolder() => BuildFolder("ServiceFolder");

    // The repository's knowledge/, not the copy beside the service's binary: accepting makes a change to review and commit.
    private static string KnowledgeFolder() => BuildFolder("KnowledgeFolder");

    private static string BuildFolder(string name) =>
        typeof(InsightsCommand).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(metadata => metadata.Key == name)?.Value
        ?? AppContext.BaseDirectory;

    private sealed record CommandLine(DateTimeOffset Since, long? AcceptId, string? KnowledgeFolder, List<string> Settings);
}
