using System.Globalization;
using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Redis;

/// <summary>
/// What a client is told when a request needs Redis and Redis is gone: 503 with Retry-After, which the Bot Framework
/// channels and Web Chat retry, rather than a 500 or an apology for a turn that never ran.
/// </summary>
internal static partial class SharedStateRefusal
{
    public const string Message = "The service cannot reach its shared state just now; retry after Retry-After seconds.";

    /// <summary>Logs the failure once and sets the status and Retry-After; the caller writes the body its protocol uses.</summary>
    public static void Refuse(HttpContext context, SharedStateUnavailableException error, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        LogUnavailable(logger, error.Message, context.Request.Path);
        var retryAfter = context.RequestServices.GetRequiredService<IOptions<RedisOptions>>().Value.RetryAfter;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    // The message says which server and why; the stack adds nothing a reader can act on, and Redis being down
    // would otherwise print one for every request.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Path} with 503: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason, string path);
}
