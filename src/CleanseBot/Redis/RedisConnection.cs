using CleanseBot.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CleanseBot.Redis;

/// <summary>
/// The one connection to Redis every replica-shared store uses. It connects at first use and never stops the
/// service: with Redis absent at start the service still starts (and /healthz/ready says why it is not ready);
/// a connection lost later is re-established by the client in the background. Every call is bounded by
/// Redis:Timeout, and every way Redis can fail comes out as <see cref="SharedStateUnavailableException"/>.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly Lock _gate = new();
    private Task<ConnectionMultiplexer>? _connecting;

    public RedisConnection(IOptions<RedisOptions> options)
    {
        var settings = options.Value;
        _configuration = ConfigurationOptions.Parse(settings.Configuration);

        // Not aborting on a failed first connect is what lets the service start without Redis; the client keeps trying.
        _configuration.AbortOnConnectFail = false;
        var timeout = (int)settings.Timeout.TotalMilliseconds;
        _configuration.ConnectTimeout = timeout;
        _configuration.SyncTimeout = timeout;
        _configuration.AsyncTimeout = timeout;
        _configuration.ClientName ??= "cleansebot";
        Server = string.Join(", ", _configuration.EndPoints.Select(endpoint => endpoint.ToString()));
    }

    /// <summary>The servers configured, for messages (never the password).</summary>
    public string Server { get; }

    /// <summary>Runs one piece of work against Redis; any failure of Redis becomes <see cref="SharedStateUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            var connection = await ConnectionAsync().ConfigureAwait(false);
            return await work(connection.GetDatabase()).ConfigureAwait(false);
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            // RedisConnectionException, RedisTimeoutException and RedisServerException (LOADING after a restart, say) are all RedisExceptions.
            throw new SharedStateUnavailableException($"Redis at {Server} is unavailable: {error.Message}", error);
        }
    }

    /// <summary>As <see cref="RunAsync{T}"/>, for pub/sub.</summary>
    public async Task RunSubscriberAsync(Func<ISubscriber, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            var connection = await ConnectionAsync().ConfigureAwait(false);
            await work(connection.GetSubscriber()).ConfigureAwait(false);
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            throw new SharedStateUnavailableException($"Redis at {Server} is unavailable: {error.Message}", error);
        }
    }

    public Task RunAsync(Func<IDatabase, Task> work) => RunAsync(async database =>
    {
        await work(database).ConfigureAwait(false);
        return true;
    });

    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer>? connecting;
        lock (_gate)
        {
            connecting = _connecting;
        }

        if (connecting is { IsCompletedSuccessfully: true })
        {
            await connecting.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Once made, the connection re-establishes itself; only a first attempt that failed outright (a name that does
    // not resolve yet, say, while the Redis container starts) is made again, at the next call, rather than kept.
    private Task<ConnectionMultiplexer> ConnectionAsync()
    {
        lock (_gate)
        {
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = ConnectionMultiplexer.ConnectAsync(_configuration);
            }

            return _connecting;
        }
    }
}
