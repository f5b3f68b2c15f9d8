using System.Net;
using System.Net.Sockets;
using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Admin;

/// <summary>
/// Wrong admin keys per client address, in a sliding window: after <see cref="AdminOptions.MaxFailedAttempts"/> within
/// <see cref="AdminOptions.FailedAttemptsWindow"/>, every /admin request from that address is refused (429) until the
/// oldest of them leaves the window. Counted per address, so one attacker cannot lock out anyone else; IPv6 addresses
/// count per /64, the block one home or host is usually given.
/// </summary>
internal sealed class FailedAdminAttempts(IOptions<AdminOptions> options, TimeProvider time)
{
    // Past this many addresses, those whose failures have all left the window are forgotten, so a spread-out attack
    // costs memory only for the addresses still within it.
    private const int SweepAbove = 10_000;

    private readonly int _limit = options.Value.MaxFailedAttempts;
    private readonly TimeSpan _window = options.Value.FailedAttemptsWindow;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How long <paramref name="address"/> must wait before trying again; null when it may try now.</summary>
    public TimeSpan? Throttled(IPAddress? address)
    {
        lock (_lock)
        {
            return _failures.ContainsKey(Client(address)) ? Wait(Recent(Client(address), time.GetUtcNow())) : null;
        }
    }

    /// <summary>Counts a wrong key from <paramref name="address"/>; how long it must now wait, if this was one too many.</summary>
    public TimeSpan? Fail(IPAddress? address)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_failures.Count > SweepAbove)
            {
                foreach (var (client, _) in _failures.Where(entry => entry.Value.All(at => at <= now - _window)).ToList())
                {
                    _failures.Remove(client);
                }
            }

            var recent = Recent(Client(address), now);
            if (recent.Count < _limit)
            {
                recent.Enqueue(now);
            }

            return Wait(recent);
        }
    }

    private Queue<DateTimeOffset> Recent(string client, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(client, out var recent))
        {
            _failures[client] = recent = new Queue<DateTimeOffset>(_limit);
        }

        while (recent.Count > 0 && recent.Peek() <= now - _window)
        {
            recent.Dequeue();
        }

        return recent;
    }

    private TimeSpan? Wait(Queue<DateTimeOffset> recent) =>
        recent.Count < _limit ? null : recent.Peek() + _window - time.GetUtcNow();

    private static string Client(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
