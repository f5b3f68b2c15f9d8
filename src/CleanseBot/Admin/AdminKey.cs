using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Admin;

/// <summary>
/// Whether a request holds the admin key: the key itself (the Authorization header, the login form) or the login
/// form's session cookie. Keys are compared as SHA-256 hashes in constant time, so neither the time taken nor the
/// key's length tells an attacker how close a guess came. The cookie is an expiry signed with a secret derived from
/// the key: every replica with the same key accepts it, and changing the key ends every session.
/// </summary>
internal sealed class AdminKey
{
    public const string CookieName = "CleanseBot.Admin";

    private readonly byte[] _keyHash;
    private readonly byte[] _sessionSecret;
    private readonly TimeSpan _sessionLifetime;
    private readonly TimeProvider _time;

    public AdminKey(IOptions<AdminOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        var key = Encoding.UTF8.GetBytes(settings.ApiKey);
        _keyHash = SHA256.HashData(key);
        _sessionSecret = HMACSHA256.HashData(key, "CleanseBot admin session"u8);
        _sessionLifetime = settings.SessionLifetime;
        _time = time;
    }

    public TimeSpan SessionLifetime => _sessionLifetime;

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _keyHash);

    /// <summary>A session cookie's value: when it expires, and its signature.</summary>
    public string NewSession()
    {
        var expires = (_time.GetUtcNow() + _sessionLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{expires}.{Signature(expires)}";
    }

    public SessionCheck Check(string cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        var dot = cookie.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(cookie.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return SessionCheck.Forged;
        }

        var signed = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(cookie[..dot])), Encoding.ASCII.GetBytes(cookie[(dot + 1)..]));
        if (!signed)
        {
            return SessionCheck.Forged;
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() < expires ? SessionCheck.Valid : SessionCheck.Expired;
    }

    private string Signature(string expires) => Base64Url(HMACSHA256.HashData(_sessionSecret, Encoding.ASCII.GetBytes(expires)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal enum SessionCheck
{
    Valid,

    /// <summary>Signed by this key but too old: the visitor logs in again; not counted as a wrong key.</summary>
    Expired,

    /// <summary>Not signed by this key: a guess, counted as a wrong key.</summary>
    Forged,
}
