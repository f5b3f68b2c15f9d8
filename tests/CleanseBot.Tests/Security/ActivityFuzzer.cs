using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanseBot.Tests.Security;

/// <summary>One generated request: what kind of junk it is, and the seed that generates it again.</summary>
internal sealed record FuzzCase(int Seed, string Kind, byte[] Body, string? ContentType);

/// <summary>
/// Generates requests for /api/messages, each from a seed of its own so that any one can be generated again:
/// junk JSON, activities with wild values in any field (random Unicode with lone surrogates, bidirectional and
/// zero-width marks and control characters; numbers, arrays, objects, null and booleans where strings belong),
/// Lucene query syntax, every activity type and made-up ones, fields as large as the body limit allows and larger,
/// deep nesting, and mutations of a valid activity (fields dropped, duplicated, swapped, the JSON truncated or
/// its bytes broken). Activities that would make the bot reply through the connector name <c>serviceUrl</c>.
/// </summary>
internal sealed class ActivityFuzzer(Uri serviceUrl, int maxBodyBytes)
{
    // Stand-ins for lone surrogates, which no JSON writer will write: replaced by their \u escapes afterwards.
    private const char LoneHighSurrogate = '\uE000';
    private const char LoneLowSurrogate = '\uE001';

    // Where a huge value goes, once the rest of the activity is written.
    private const string HugeValue = "huge-value-placeholder";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] ActivityTypes =
    [
        "message", "conversationUpdate", "contactRelationUpdate", "typing", "endOfConversation", "event", "invoke",
        "invokeResponse", "deleteUserData", "messageUpdate", "messageDelete", "installationUpdate", "messageReaction",
        "suggestion", "trace", "handoff", "command", "commandResult", "delay", "ping", "MESSAGE", " message ",
    ];

    private static readonly string[] Channels = ["emulator", "webchat", "msteams", "slack", "directline", "test", "facebook", "telegram", "AseChannel", "skype"];

    private static readonly string[] Questions =
    [
        "How often should I deep cleanse at home?", "What should I look for in a cleanser?", "Why choose an alcohol-free toner?",
        "What happens during a professional facial?", "Is steam good for my pores?", "serum", "cleanser", "extraction", "hi", "help",
        "thanks", "None of these", "more", "tell me more", "and for dry skin?", "I have a painful swollen lump that is spreading", "",
    ];

    private static readonly string[] LuceneFragments =
    [
        "title:", "text:", "question:", "AND", "OR", "NOT", "&&", "||", "!", "+", "-", "(", ")", "{", "}", "[", "]", "^", "^4", "^-1",
        "\"", "~", "~0.8", "~10", "*", "?", ":", "\\", "/", "/.*/", "/[a-z]+/", "[a TO z]", "{* TO *}", "pores*", "*pores", "te?t",
        "*:*", "_exists_:text", "\"deep cleanse\"~5", "cleanser^100", "\\\\", "field:(a OR b)", "+serum -toner", "((((", "))))",
        "NOT NOT NOT", "AND OR", "~~~~", "^^^^", "\"\"", "a:b:c:d", "?*?*?*", "[* TO", "TO]", "#", "@", "$", "%",
    ];

    private static readonly string[] Nasty =
    [
        "", " ", "null", "undefined", "NaN", "Infinity", "-0", "true", "[]", "{}", "<script>alert(1)</script>", "../../../../etc/passwd",
        "%00", "%n%s%x", "{{7*7}}", "${jndi:ldap://127.0.0.1/x}", "' OR 1=1 --", "\r\n\r\nHTTP/1.1 200 OK", "\\u0000",
        "javascript:alert(1)", "file:///etc/passwd", "ftp://127.0.0.1/", "http://", "https://[::1", "//127.0.0.1/", "mailto:a@b",
    ];

    private static readonly string[] ActivityFields =
    [
        "type", "id", "timestamp", "localTimestamp", "localTimezone", "serviceUrl", "channelId", "from", "conversation", "recipient",
        "textFormat", "attachmentLayout", "membersAdded", "membersRemoved", "reactionsAdded", "reactionsRemoved", "topicName",
        "historyDisclosed", "locale", "text", "speak", "inputHint", "summary", "suggestedActions", "attachments", "entities",
        "channelData", "action", "replyToId", "label", "valueType", "value", "name", "relatesTo", "code", "expiration", "importance",
        "deliveryMode", "listenFor", "textHighlights", "semanticAction", "callerId",
    ];

    private static readonly string[] Accounts = ["from", "recipient", "conversation"];

    private static readonly string[] ContentTypes = ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "multipart/form-data", "application/xml"];

#pragma warning disable CA5394 // Reproducible pseudo-random junk is the point; nothing here is a secret.
    public FuzzCase Generate(int seed)
    {
        var random = new Random(seed);
        var (kind, body) = random.Next(100) switch
        {
            < 8 => ("junk JSON", Serialize(Wild(random, depth: 0))),
            < 30 => ("wild fields", Serialize(WildFields(random))),
            < 60 => Mutated(random),
            < 68 => ("Lucene syntax", Serialize(Message(random, Lucene(random)))),
            < 78 => ("Unicode", Serialize(UnicodeEverywhere(random))),
            < 91 => ("activity type", Serialize(OfAnyType(random))),
            < 93 => ("huge field", Huge(random)),
            _ => ("deep nesting", DeeplyNested(random)),
        };
        var contentType = random.Next(40) == 0 ? Pick(random, ContentTypes) : "application/json";
        return new FuzzCase(seed, kind, body, random.Next(200) == 0 ? null : contentType);
    }

    private JsonObject Valid(Random random, string type = "message")
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = "fuzz-" + random.Next().ToString(CultureInfo.InvariantCulture),
            ["timestamp"] = DateTimeOffset.UtcNow.AddSeconds(-random.Next(100_000)).ToString("O", CultureInfo.InvariantCulture),
            ["channelId"] = Pick(random, Channels),
            ["serviceUrl"] = serviceUrl.ToString(),
            ["from"] = new JsonObject { ["id"] = "user-" + random.Next(20).ToString(CultureInfo.InvariantCulture), ["name"] = "User" },
            ["recipient"] = new JsonObject { ["id"] = "cleansebot", ["name"] = "CleanseBot" },

            // A small pool, so that conversations get many messages and some arrive at the same time.
            ["conversation"] = new JsonObject { ["id"] = "fuzz-conversation-" + random.Next(40).ToString(CultureInfo.InvariantCulture) },
            ["locale"] = "en-US",
        };
        if (type == "message")
        {
            activity["text"] = Pick(random, Questions);
        }

        // Mostly answered in the response: a reply through the connector costs the SDK over ten times as much.
        if (random.Next(7) != 0)
        {
            activity["deliveryMode"] = "expectReplies";
        }

        return activity;
    }

    private JsonObject Message(Random random, string text)
    {
        var activity = Valid(random);
        activity["text"] = text;
        return activity;
    }

    private JsonObject WildFields(Random random)
    {
        var activity = Valid(random, random.Next(3) == 0 ? Pick(random, ActivityTypes) : "message");
        for (var fields = random.Next(1, 4); fields > 0; fields--)
        {
            activity[Pick(random, ActivityFields)] = Wild(random, depth: 1);
        }

        foreach (var holder in Accounts)
        {
            if (activity[holder] is JsonObject account && random.Next(3) == 0)
            {
                account[Pick(random, ["id", "name", "role", "aadObjectId", "isGroup", "conversationType", "tenantId", "properties"])] = Wild(random, depth: 1);
            }
        }

        return activity;
    }

    private (string Kind, byte[] Body) Mutated(Random random)
    {
        var activity = Valid(random, random.Next(4) == 0 ? Pick(random, ActivityTypes) : "message");
        for (var mutations = random.Next(1, 5); mutations > 0; mutations--)
        {
            var keys = activity.Select(pair => pair.Key).ToList();
            var key = Pick(random, [.. keys]);
            switch (random.Next(5))
            {
                case 0:
                    activity.Remove(key);
                    break;
                case 1:
                    var other = Pick(random, [.. keys]);
                    var first = activity[key]?.DeepClone();
                    activity[key] = activity[other]?.DeepClone();
                    activity[other] = first;
                    break;
                case 2:
                    activity[key] = Wild(random, depth: 1);
                    break;
                case 3:
                    activity[Pick(random, ActivityFields)] = Wild(random, depth: 1);
                    break;
                default:
                    // An extra, unknown field; activities carry those without harm.
                    activity[Unicode(random, random.Next(1, 20))] = Wild(random, depth: 1);
                    break;
            }
        }

        var body = Serialize(activity);
        return random.Next(3) switch
        {
            0 => ("mutated activity, then its bytes", BreakBytes(random, body)),
            _ => ("mutated activity", body),
        };
    }

    // Bytes are broken anywhere but in the serviceUrl: a different but valid address would only test the network.
    private byte[] BreakBytes(Random random, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var address = Encoding.UTF8.GetBytes(serviceUrl.ToString());
        var addressStart = body.AsSpan().IndexOf(address);
        int Anywhere(int length)
        {
            while (true)
            {
                var position = random.Next(length);
                if (addressStart < 0 || position < addressStart || position > addressStart + address.Length)
                {
                    return position;
                }
            }
        }

        switch (random.Next(7))
        {
            case 0:
                return body[..random.Next(body.Length)];
            case 1:
                // A key twice: the same key with another value in front of the original.
                var duplicate = $"\"{Pick(random, ActivityFields)}\":{Encoding.UTF8.GetString(Serialize(Wild(random, depth: 1)))},";
                return Encoding.UTF8.GetBytes(text.Insert(1, duplicate));
            case 2:
                return Encoding.UTF8.GetBytes($"[{text},{text}]");
            case 3:
                return Serialize(JsonValue.Create(text));
            case 4:
                var broken = body.ToList();
                broken.InsertRange(Anywhere(broken.Count), Pick<byte[]>(random, [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x00], [0xEF, 0xBB, 0xBF]]));
                return [.. broken];
            case 5:
                var flipped = (byte[])body.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    flipped[Anywhere(flipped.Length)] = (byte)random.Next(256);
                }

                return flipped;
            default:
                return Encoding.UTF8.GetBytes(text + Pick(random, [" garbage", "}", "]]]", "{\"type\":\"message\"}", "\0", ",", new string(' ', 1000)]));
        }
    }

    private JsonObject UnicodeEverywhere(Random random)
    {
        var activity = Message(random, Unicode(random, random.Next(30) == 0 ? random.Next(0, 1_100) : random.Next(0, 40)));
        if (random.Next(2) == 0)
        {
            activity["from"]!["name"] = Unicode(random, random.Next(0, 100));
        }

        if (random.Next(3) == 0)
        {
            activity["conversation"]!["id"] = Unicode(random, random.Next(1, 100));
        }

        if (random.Next(3) == 0)
        {
            activity["id"] = Unicode(random, random.Next(1, 50));
        }

        if (random.Next(4) == 0)
        {
            activity["locale"] = Unicode(random, random.Next(0, 20));
        }

        if (random.Next(4) == 0)
        {
            activity["channelId"] = Unicode(random, random.Next(1, 20));
        }

        return activity;
    }

    private JsonObject OfAnyType(Random random)
    {
        var type = random.Next(4) == 0 ? Unicode(random, random.Next(1, 30)) : Pick(random, ActivityTypes);
        var activity = Valid(random, type);
        if (random.Next(2) == 0)
        {
            activity["name"] = random.Next(2) == 0
                ? Pick(random, ["healthCheck", "signin/verifyState", "signin/tokenExchange", "adaptiveCard/action", "composeExtension/query", "task/fetch", "fileConsent/invoke", "tokens/response", "application/search", "config/fetch"])
                : Unicode(random, random.Next(0, 30));
        }

        if (random.Next(2) == 0)
        {
            activity["value"] = Wild(random, depth: 1);
        }

        if (random.Next(3) == 0)
        {
            activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-1" }, new JsonObject { ["id"] = "cleansebot" });
        }

        if (random.Next(3) == 0)
        {
            activity["channelData"] = Wild(random, depth: 1);
        }

        return activity;
    }

    // Built as text and spliced in: a JSON writer would spend longer on a quarter of a megabyte than the service does.
    private byte[] Huge(Random random)
    {
        var size = random.Next(5) < 3
            ? Pick(random, [maxBodyBytes + 1, maxBodyBytes + 10_000, 2 * maxBodyBytes])
            : Pick(random, [10_000, 100_000, maxBodyBytes - 2_000, maxBodyBytes - 600]);
        string Filler() => random.Next(4) == 0
            ? JsonSerializer.Serialize(Unicode(random, size / 3), Relaxed)
            : $"\"{new string((char)random.Next('a', 'z' + 1), size)}\"";
        var activity = Valid(random);
        var (holder, field, value) = random.Next(8) switch
        {
            0 => (activity["conversation"]!.AsObject(), "id", Filler()),
            1 => (activity["from"]!.AsObject(), "name", Filler()),
            2 => (activity, "channelData", $"{{\"junk\":{Filler()}}}"),
            3 => (activity, "entities", "[" + string.Join(",", Enumerable.Range(0, size / 30).Select(i => $"{{\"type\":\"mention\",\"i\":{i}}}")) + "]"),
            4 => (activity, "id", Filler()),
            5 => (activity, "locale", Filler()),
            _ => (activity, "text", Filler()),
        };
        holder[field] = HugeValue;
        var json = Encoding.UTF8.GetString(Serialize(activity));
        return Encoding.UTF8.GetBytes(json.Replace($"\"{HugeValue}\"", value, StringComparison.Ordinal));
    }

    private byte[] DeeplyNested(Random random)
    {
        var depth = Pick(random, [100, 1_000, 10_000, 50_000]);
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + (open == "[" ? "" : "1") + string.Concat(Enumerable.Repeat(close, depth));
        if (random.Next(4) == 0)
        {
            return Encoding.UTF8.GetBytes(nested);
        }

        var activity = Valid(random, random.Next(3) == 0 ? "event" : "message");
        var json = Encoding.UTF8.GetString(Serialize(activity));
        var field = Pick(random, ["channelData", "value", "entities", "attachments", "text", "conversation", "from"]);
        return Encoding.UTF8.GetBytes(json[..^1] + $",\"{field}\":{nested}}}");
    }

    private JsonNode? Wild(Random random, int depth)
    {
        var choice = random.Next(depth > 6 ? 7 : 10);
        return choice switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => Pick(random, [JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(int.MaxValue), JsonValue.Create(long.MinValue), JsonValue.Create(1e308), JsonValue.Create(-0.0), JsonValue.Create(3.14159), JsonValue.Create(ulong.MaxValue)]),
            3 => JsonValue.Create(Unicode(random, random.Next(0, 60))),
            4 => JsonValue.Create(Lucene(random)),
            5 => JsonValue.Create(Pick(random, Nasty)),
            6 => JsonValue.Create(random.Next(10) == 0 ? new string('x', random.Next(1_000, 50_000)) : Pick(random, Questions)),
            7 => new JsonArray([.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => Wild(random, depth + 1))]),
            _ => WildObject(random, depth),
        };
    }

    private JsonObject WildObject(Random random, int depth)
    {
        var result = new JsonObject();
        for (var fields = random.Next(0, 6); fields > 0; fields--)
        {
            var key = random.Next(2) == 0 ? Pick(random, ActivityFields) : Unicode(random, random.Next(0, 12));
            result[key] = Wild(random, depth + 1);
        }

        return result;
    }

    private static string Lucene(Random random)
    {
        var text = new StringBuilder();
        for (var count = random.Next(1, 12); count > 0; count--)
        {
            text.Append(Pick(random, LuceneFragments));
            if (random.Next(3) != 0)
            {
                text.Append(random.Next(8) == 0 ? Pick(random, Questions) : " ");
            }
        }

        return text.ToString();
    }

    private static string Unicode(Random random, int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            switch (random.Next(12))
            {
                case 0:
                    text.Append((char)random.Next(0x00, 0x20));
                    break;
                case 1:
                    text.Append((char)random.Next(0x7F, 0xA0));
                    break;
                case 2:
                    text.Append(Pick(random, ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD']));
                    break;
                case 3:
                    text.Append(Pick(random, ['\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2069']));
                    break;
                case 4:
                    text.Append(char.ConvertFromUtf32(random.Next(0x1F300, 0x1FAFF)));
                    break;
                case 5:
                    text.Append(random.Next(2) == 0 ? LoneHighSurrogate : LoneLowSurrogate);
                    break;
                case 6:
                    text.Append((char)random.Next(0x0590, 0x06FF));
                    break;
                case 7:
                    text.Append((char)random.Next(0x4E00, 0x9FFF));
                    break;
                case 8:
                    text.Append('e').Append('\u0301', random.Next(1, 30));
                    break;
                case 9:
                    text.Append(Pick(random, ['\u2028', '\u2029', '\uFFFE', '\uFFFF', '\uFFFD', '\u0085']));
                    break;
                case 10:
                    text.Append(char.ConvertFromUtf32(random.Next(0x1D400, 0x1D7FF)));
                    break;
                default:
                    text.Append((char)random.Next(0x20, 0x7F));
                    break;
            }
        }

        return text.ToString();
    }

    private static byte[] Serialize(JsonNode? node)
    {
        var json = node?.ToJsonString(Relaxed) ?? "null";
        return Encoding.UTF8.GetBytes(json
            .Replace(LoneHighSurrogate.ToString(), "\\uD800", StringComparison.Ordinal)
            .Replace(LoneLowSurrogate.ToString(), "\\uDC00", StringComparison.Ordinal)
            .Replace("\\uE000", "\\uD800", StringComparison.OrdinalIgnoreCase)
            .Replace("\\uE001", "\\uDC00", StringComparison.OrdinalIgnoreCase));
    }

    private static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];
#pragma warning restore CA5394
}
