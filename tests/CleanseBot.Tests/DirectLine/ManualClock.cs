namespace CleanseBot.Tests.DirectLine;

/// <summary>A clock the test moves by hand; timers are not needed by what it drives.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
