using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using CleanseBot.QuestionLog;
using Microsoft.Extensions.Configuration;

namespace CleanseBot.Insights;

/// <summary>
/// <c>dotnet run --project tools/CleanseBot.Insights -- report [--since 7d]</c>: the insights report from the question
/// log. It reads the log the service writes, by the same QuestionLog settings (appsettings.json, then environment
/// variables such as <c>QuestionLog__ConnectionString</c>, then <c>--QuestionLog:Key value</c> on the command line).
/// Exits with 0 after printing the report, 1 when the log cannot be read, 2 for a command line it does not understand.
/// </summary>
internal static partial class InsightsCommand
{
    public const string Usage = """
        Usage: dotnet run --project tools/CleanseBot.Insights -- report [--since PERIOD] [--QuestionLog:Key value ...]

          --since PERIOD   how far back: 7d (the default), 24h, 90d, or a date such as 2026-11-01 (UTC)
          --QuestionLog:*  any QuestionLog setting, as for the service (Provider, ConnectionString)

        A relative SQLite file is read from the service's build folder (src/CleanseBot/bin/...), where
        `dotnet run --project src/CleanseBot` writes it.
        """;

    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);

    public static async Task<int> Main(string[] args) => await RunAsync(args, Console.Out, Console.Error, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);

    internal static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        if (args is [] or ["-h" or "--help" or "-?"])
        {
            output.WriteLine(Usage);
            return args.Count == 0 ? 2 : 0;
        }

        if (args[0] != "report")
        {
            error.WriteLine($"Unknown command '{args[0]}'.");
            error.WriteLine(Usage);
            return 2;
        }

        var now = time.GetUtcNow();
        var since = now - DefaultPeriod;
        var settings = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == "--since" && i + 1 < args.Count)
            {
                if (!TryParseSince(args[++i], now, out since))
                {
                    error.WriteLine($"--since takes a period such as 7d or 24h, or a date such as 2026-11-01, not '{args[i]}'.");
                    return 2;
                }
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
                error.WriteLine(Usage);
                return 2;
            }
        }

        var options = ReadOptions(settings);
        await using var store = QuestionLogStore.Create(options, ServiceFolder());
        if (options.Provider == QuestionLogProvider.Sqlite && !File.Exists(store.Describe()))
        {
            error.WriteLine($"There is no question log at {store.Describe()} yet: it is made when the service first starts with QuestionLog:Enabled true.");
            return 1;
        }

        var turns = new List<LoggedTurn>();
        var ratings = new List<RatedAnswer>();
        var suggestions = new List<SuggestedAlternate>();
        try
        {
            await foreach (var turn in store.ReadTurnsAsync(since, cancellationToken).ConfigureAwait(false))
            {
                turns.Add(turn);
            }

            await foreach (var rating in store.ReadRatedAnswersAsync(since, cancellationToken).ConfigureAwait(false))
            {
                ratings.Add(rating);
            }

            await foreach (var suggestion in store.ReadSuggestionsAsync(since, cancellationToken).ConfigureAwait(false))
            {
                suggestions.Add(suggestion);
            }
        }
        catch (System.Data.Common.DbException problem)
        {
            error.WriteLine($"Could not read the question log at {store.Describe()}: {problem.Message}");
            return 1;
        }

        InsightsReport.Build(turns, ratings, suggestions, since, now).Print(output);
        return 0;
    }

    internal static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        var period = Period().Match(text);
        if (period.Success)
        {
            var amount = int.Parse(period.Groups[1].Value, CultureInfo.InvariantCulture);
            since = period.Groups[2].Value == "d" ? now.AddDays(-amount) : now.AddHours(-amount);
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            since = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        since = default;
        return false;
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

    private static string ServiceFolder() =>
        typeof(InsightsCommand).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(static metadata => metadata.Key == "ServiceFolder")?.Value
        ?? AppContext.BaseDirectory;

    [GeneratedRegex(@"^(\d{1,5})([dh])$", RegexOptions.CultureInvariant)]
    private static partial Regex Period();
}
