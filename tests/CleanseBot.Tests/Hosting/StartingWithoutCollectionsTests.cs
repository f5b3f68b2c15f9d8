using CleanseBot.Hosting;
using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Hosting;

/// <summary>
/// Garbage collection is held off while the service starts, so that the first answer is not paused by collections of
/// start-up garbage, and runs again once the first message is answered. Whatever happens, it is never left held off.
/// These tests run alone: holding collections off is the whole process's state.
/// </summary>
[Collection(AloneInTheProcess.Name)]
public sealed class StartingWithoutCollectionsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _knowledge = KnowledgeCopy.Make();

    [Fact]
    public void Holds_collections_off_until_disposed()
    {
        using (StartingWithoutCollections.Begin())
        {
            Assert.True(StartingWithoutCollections.Holding);
        }

        Assert.False(StartingWithoutCollections.Holding);
    }

    [Fact]
    public void Leaves_collections_to_whoever_held_them_off_first()
    {
        using var first = StartingWithoutCollections.Begin();

        using (StartingWithoutCollections.Begin())
        {
            Assert.True(StartingWithoutCollections.Holding);
        }

        Assert.True(StartingWithoutCollections.Holding);
        first.Dispose();
        Assert.False(StartingWithoutCollections.Holding);
    }

    [Fact]
    public void A_start_that_allocates_more_than_the_allowance_is_collected_as_usual_and_ends_quietly()
    {
        var starting = StartingWithoutCollections.Begin();
        var garbage = 0L;
        for (var allocated = 0L; allocated < 2 * StartingWithoutCollections.Allowance; allocated += 64 * 1024)
        {
            garbage += new byte[64 * 1024].Length;
        }

        Assert.True(garbage > StartingWithoutCollections.Allowance);
        Assert.False(StartingWithoutCollections.Holding);
        starting.Dispose();
    }

    [Fact]
    public async Task The_service_starts_holding_collections_off_and_lets_them_run_once_it_has_answered()
    {
        // A first start builds the index and saves it; the one measured opens it, as most starts do.
        await StartAsync(answerAndWaitForSave: true);

        await using var server = NewServer();
        await server.StartAndWaitUntilReadyAsync();
        var heldWhileStarting = StartingWithoutCollections.Holding;
        using var client = server.CreateClient();
        await Inbound.RepliesToAsync(client, Inbound.ExpectingReplies("how often should i steam my face"));
        await WaitUntilAsync(() => !StartingWithoutCollections.Holding, "Collections were still held off after the first answer.");

        Assert.True(heldWhileStarting, "Collections ran while the service started.");
    }

    [Fact]
    public async Task A_service_that_stops_before_any_message_lets_collections_run()
    {
        await StartAsync(answerAndWaitForSave: false);

        Assert.False(StartingWithoutCollections.Holding);
    }

    public void Dispose() => Directory.Delete(_knowledge, recursive: true);

    private CleanseBotServer NewServer() => new(new() { ["Knowledge:Folder"] = _knowledge }, services: null);

    private async Task StartAsync(bool answerAndWaitForSave)
    {
        await using var server = NewServer();
        await server.StartAndWaitUntilReadyAsync();
        if (answerAndWaitForSave)
        {
            using var client = server.CreateClient();
            await Inbound.RepliesToAsync(client, Inbound.ExpectingReplies("what is deep pore cleansing"));
            await WaitUntilAsync(
                () => server.Logs.Entries.Any(entry => entry.Message.StartsWith("Knowledge index saved", StringComparison.Ordinal)),
                "The index was not saved.");
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}

/// <summary>Test classes that must have the process to themselves: xunit runs this collection after all the others, one test at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInTheProcess
{
    public const string Name = "Alone in the process";
}
