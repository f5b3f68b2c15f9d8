using CleanseBot.Benchmarks.Load;
using CleanseBot.Benchmarks.Micro;
using CleanseBot.Benchmarks.Scaling;

namespace CleanseBot.Benchmarks;

// Not top-level statements: those would declare a Program hiding CleanseBot's, which WebApplicationFactory needs.
internal static class BenchmarkProgram
{
    /// <summary>dotnet run -c Release --project bench/CleanseBot.Benchmarks -- COMMAND; docs/performance.md explains each.</summary>
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "micro" => MicroCommand.Run(args[1..]),
        "scaling" => await ScalingCommand.RunAsync(args[1..]).ConfigureAwait(false),
        "generate" => await GenerateCommand.RunAsync(args[1..]).ConfigureAwait(false),
        "conversations" => await ConversationsAtScaleCommand.RunAsync(args[1..]).ConfigureAwait(false),
        "conversations-at" => await ConversationsAtScaleCommand.RunOneAsync(args[1..]).ConfigureAwait(false),
        "bodies" => BodiesCommand.Run(args[1..]),
        "first-answer" => await FirstAnswerCommand.RunAsync(args[1..]).ConfigureAwait(false),
        "load-report" => LoadReportCommand.Run(args[1..]),
        "reload-under-load" => await ReloadUnderLoadCommand.RunAsync(args[1..]).ConfigureAwait(false),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: CleanseBot.Benchmarks <command>
              micro [BenchmarkDotNet arguments]     search, dialog turn and index build on the real knowledge
              scaling [--sizes 1000,10000,100000]   index build time, index memory and search latency per knowledge size
              generate --units N --out FOLDER       writes a synthetic knowledge folder (.qna files) of N units
              conversations [--sizes 1000,100000,1000000] [--seconds 10]
                                                    turns/s and RSS when each turn is a new conversation's among N remembered
              bodies                                one expectReplies activity per line, for bench/load/messages.lua
              first-answer --url URL -- COMMAND...  starts COMMAND and times it to its first answer, in ms
              load-report FILE                      the table and ratios of bench/load/run.sh's results
              reload-under-load [--seconds 60] [--warmup 15] [--connections 8] [--every 3]
                                                    p99 of turns during knowledge reloads against steady, same run
            """);
        return 2;
    }
}
