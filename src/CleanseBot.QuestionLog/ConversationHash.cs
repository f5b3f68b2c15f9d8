using System.Security.Cryptography;
using System.Text;

namespace CleanseBot.QuestionLog;

/// <summary>
/// A conversation id as the log keeps it: HMAC-SHA256 with a salt, so turns of one conversation can be grouped but the
/// id itself, which a channel may reuse or expose, is not stored and cannot be recovered by hashing guesses.
/// </summary>
public sealed class ConversationHash(string salt)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(salt);

    /// <summary>A random salt for a log that has none configured.</summary>
    public static string NewSalt() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>32 hex characters (128 bits): enough never to collide in a log's lifetime, half the width of the full hash.</summary>
    public string Of(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(conversationId), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
