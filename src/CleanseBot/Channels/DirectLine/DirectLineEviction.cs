namespace CleanseBot.Channels.DirectLine;

/// <summary>Forgets idle Direct Line conversations every minute, so memory stays bounded however many visitors come and go.</summary>
internal sealed partial class DirectLineEviction(DirectLineConversations conversations, TimeProvider clock, ILogger<DirectLineEviction> logger) : BackgroundService
{
    /// <summary>How often idle conversations are looked for; a client refused for want of room may retry after it.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var evicted = conversations.EvictIdle();
            if (evicted > 0)
            {
                LogEvicted(logger, evicted, conversations.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Evicted} idle Direct Line conversations; {Open} still open")]
    private static partial void LogEvicted(ILogger logger, int evicted, int open);
}
