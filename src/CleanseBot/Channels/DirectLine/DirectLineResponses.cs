using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace CleanseBot.Channels.DirectLine;

/// <summary>A conversation as Direct Line describes it when it starts, is reconnected to, or its token is generated or refreshed.</summary>
internal sealed record ConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl = null);

/// <summary>What the widget needs to connect Web Chat: a token for a new conversation, and the Direct Line domain to use it with.</summary>
internal sealed record WebChatTokenResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("domain")] string Domain);

/// <summary>Direct Line's answers to requests: its error body, and activity sets.</summary>
internal static class DirectLineResponses
{
    /// <summary>Direct Line's error body: {"error": {"code": ..., "message": ...}}.</summary>
    public static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    public static IResult Unauthorized(string message) => Error(StatusCodes.Status401Unauthorized, "Unauthorized", message);

    public static IResult Forbidden(string code, string message) => Error(StatusCodes.Status403Forbidden, code, message);

    public static IResult NotFound() => Error(StatusCodes.Status404NotFound, "NotFound", "The conversation does not exist, or has ended.");

    public static IResult BadArgument(string message) => Error(StatusCodes.Status400BadRequest, "BadArgument", message);

    /// <summary>{"activities": [...], "watermark": "n"}: the activities are stored as JSON already, so the set is assembled, not serialized.</summary>
    public static string ActivitySet(ActivityPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var json = new StringBuilder("{\"activities\":[");
        json.AppendJoin(',', page.Activities);
        json.Append("],\"watermark\":\"").Append(page.Watermark.ToString(CultureInfo.InvariantCulture)).Append("\"}");
        return json.ToString();
    }
}
