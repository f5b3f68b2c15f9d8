using CleanseBot.Tests.Support;

namespace CleanseBot.Tests.Replicas;

/// <summary>Two services of the test's own sharing one real redis-server, as two replicas behind a load balancer.</summary>
internal sealed class TwoReplicas : IAsyncDisposable
{
    public const string SigningKey = "a-signing-key-both-replicas-share-0123456789";

    private TwoReplicas(RedisServer redis, StartedService first, StartedService second)
    {
        Redis = redis;
        First = first;
        Second = second;
    }

    public RedisServer Redis { get; }

    public StartedService First { get; }

    public StartedService Second { get; }

    /// <summary>Replica 0 or 1, so a test can alternate between them.</summary>
    public HttpClient Client(int replica) => replica % 2 == 0 ? First.Client : Second.Client;

    public static async Task<TwoReplicas> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var redis = await RedisServer.StartAsync();
        Dictionary<string, string?> shared = new(settings ?? [])
        {
            ["Redis:Configuration"] = redis.Configuration,
            ["Redis:Timeout"] = "00:00:01",
            ["DirectLine:TokenSigningKey"] = SigningKey,
        };
        var first = await StartedService.StartAsync(shared);
        var second = await StartedService.StartAsync(shared);
        return new TwoReplicas(redis, first, second);
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
