using CleanseBot.LiveKnowledge;

namespace CleanseBot.Admin;

/// <summary>
/// POST /admin/knowledge/reload, behind <see cref="AdminGate"/> like every /admin route (the key as a Bearer token,
/// or the admin page's session with its form token): reloads the knowledge now and says how it went. 200 with the
/// new fingerprint (or the same one, when the files hold what serves already); 422 with each mistake as
/// <c>file:line: problem</c>, the old index still serving; 202 when a reload is already running, which then runs
/// once more after it, reading the files as they are by then.
/// </summary>
internal static class KnowledgeReloadApi
{
    public const string Route = "/knowledge/reload";

    public static void MapKnowledgeReload(this RouteGroupBuilder admin)
    {
        admin.MapPost(Route, async (HttpContext context, KnowledgeReloader reloader, CancellationToken cancellationToken) =>
        {
            if (!await AdminApi.FormTokenIsValidAsync(context).ConfigureAwait(false))
            {
                return Results.Empty;
            }

            if (reloader.IsReloading)
            {
                _ = reloader.ReloadAsync("admin API", CancellationToken.None);
                return Results.Json(new { status = "queued" }, statusCode: StatusCodes.Status202Accepted);
            }

            var reload = await reloader.ReloadAsync("admin API", cancellationToken).ConfigureAwait(false);
            var body = new
            {
                status = reload.Outcome.ToString(),
                fingerprint = reload.Fingerprint,
                pairs = reload.Pairs,
                elapsedMs = Math.Round(reload.Elapsed.TotalMilliseconds),
                problems = reload.Problems,
            };
            return reload.Outcome switch
            {
                KnowledgeReloadOutcome.Reloaded or KnowledgeReloadOutcome.Unchanged => Results.Json(body),
                KnowledgeReloadOutcome.Invalid => Results.Json(body, statusCode: StatusCodes.Status422UnprocessableEntity),
                _ => Results.Json(body, statusCode: StatusCodes.Status500InternalServerError),
            };
        });
    }
}
