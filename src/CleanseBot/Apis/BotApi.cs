using CleanseBot.Bot;
using CleanseBot.Hosting;
using CleanseBot.LiveKnowledge;
using Microsoft.Bot.Builder;

namespace CleanseBot.Apis;

/// <summary>The HTTP surface: the Bot Framework messaging endpoint and a health check.</summary>
internal static class BotApi
{
    public static void MapBotApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", (HttpContext context, CleanseBotAdapter adapter, IBot bot) => adapter.HandleAsync(context, bot))
            .RequireRateLimiting(CleanseBotHosting.ClientAddressPolicy);

        // Ready only once the knowledge index is loaded, so a load balancer or a test waits for answers, not just for the port.
        // The fingerprint tells a content owner which version of the guide answers; the last reload, whether their
        // latest change was taken (its mistakes are in the log, by file and line).
        app.MapGet("/healthz", (KnowledgeIndexProvider provider, KnowledgeReloader reloader) => provider.Status switch
        {
            KnowledgeIndexStatus.Ready => Results.Ok(new
            {
                status = "ready",
                pairs = provider.Current!.Knowledge.Pairs.Count,
                fingerprint = provider.Fingerprint,
                lastReload = reloader.Last is { } last ? new { outcome = last.Outcome.ToString(), at = last.FinishedAt, problems = last.Problems.Count } : null,
            }),
            KnowledgeIndexStatus.Loading => Results.Json(new { status = "loading" }, statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => Results.Json(new { status = "failed" }, statusCode: StatusCodes.Status503ServiceUnavailable),
        });
    }
}
