using System.Runtime;

namespace CleanseBot.Hosting;

/// <summary>
/// Holds garbage collection off while the service starts, until its first answer or a few seconds with none. A start
/// allocates about 13 MB before its first answer (the knowledge, the index, the warm-up, the first turn), where the
/// echo bot allocates 3 MB; with the runtime's small first gen0 budgets that was three collections, each stopping
/// every thread, the first answer's included: 33-35 ms of pauses on a quiet machine, up to 146 ms on a loaded one,
/// whose collector threads wait for a core (docs/performance.md). Holding them off costs one collection of a
/// near-empty heap at the start, about 3 ms.
/// </summary>
internal sealed class StartingWithoutCollections : IDisposable
{
    // Well above what a start allocates before its first answer. A start that builds the index allocates more: it runs
    // out of the allowance, and the runtime collects as usual from then on.
    internal const long Allowance = 32L * 1024 * 1024;

    private bool _holding;

    private StartingWithoutCollections(bool holding) => _holding = holding;

    /// <summary>Whether collections are held off in this process now.</summary>
    public static bool Holding => GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    /// <summary>Holds collections off, unless they are already (another host in the process, as in tests, began first).</summary>
    public static StartingWithoutCollections Begin()
    {
        if (Holding)
        {
            return new(holding: false);
        }

        try
        {
            return new(GC.TryStartNoGCRegion(Allowance));
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentOutOfRangeException)
        {
            // Another host began in between, or a runtime whose gen0 cannot hold the allowance: start as usual.
            return new(holding: false);
        }
    }

    /// <summary>Lets collections run again; they already do if the allowance ran out meanwhile.</summary>
    public void Dispose()
    {
        if (!_holding)
        {
            return;
        }

        _holding = false;
        if (Holding)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // The allowance ran out, or something collected, just before: collections run already.
            }
        }
    }
}
