namespace CleanseBot.Benchmarks.Load;

/// <summary><c>bodies</c>: one expectReplies message per line, one per answerable message of the evaluation set, for bench/load/messages.lua.</summary>
internal static class BodiesCommand
{
    public static int Run(string[] args)
    {
        var messages = RealQuestions.Answerable;
        for (var i = 0; i < messages.Count; i++)
        {
            Console.WriteLine(InboundActivities.Json(messages[i], i));
        }

        return 0;
    }
}
