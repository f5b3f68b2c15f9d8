using System.Globalization;
using CleanseBot.Hosting;

namespace CleanseBot.Admin;

/// <summary>
/// In front of every /admin request: a client address that has tried too many wrong keys gets 429 with Retry-After;
/// a request with the key (Authorization: Bearer, or the login form's cookie) goes on; any other gets 401 and the
/// login form, never data. Only the login form's own POST goes on without the key, to have it checked there.
/// </summary>
internal sealed class AdminGate(RequestDelegate next, AdminKey key, FailedAdminAttempts failures)
{
    public const string LoginPath = "/admin/login";

    private static readonly object ViaCookieKey = new();

    public static bool IsFor(HttpContext context) => context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the request was let in by the login form's cookie, which a browser sends by itself: such a request must
    /// also carry the page's form token (CSRF). An Authorization header is never sent by the browser on its own.
    /// </summary>
    public static bool ByCookie(HttpContext context) => context.Items.ContainsKey(ViaCookieKey);

    public async Task InvokeAsync(HttpContext context)
    {
        AdminResponses.Protect(context.Response);
        var address = context.Connection.RemoteIpAddress;
        if (failures.Throttled(address) is { } wait)
        {
            await TooManyAsync(context, wait);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && key.Matches(header["Bearer ".Length..].Trim()))
            {
                await next(context);
                return;
            }

            await RefuseAsync(context, counted: true, "That key is not right.");
            return;
        }

        if (context.Request.Cookies[AdminKey.CookieName] is { } cookie)
        {
            switch (key.Check(cookie))
            {
                case SessionCheck.Valid:
                    context.Items[ViaCookieKey] = true;
                    await next(context);
                    return;
                case SessionCheck.Forged when !IsLogin(context):
                    await RefuseAsync(context, counted: true, "Please log in again.");
                    return;
            }
        }

        if (IsLogin(context))
        {
            await next(context);
            return;
        }

        await RefuseAsync(context, counted: false, message: null);
    }

    /// <summary>A wrong key: counted against the client's address, then 401 with the login form, or 429 if that was one too many.</summary>
    public static async Task RefuseAsync(HttpContext context, bool counted, string? message)
    {
        var failures = context.RequestServices.GetRequiredService<FailedAdminAttempts>();
        if (counted && failures.Fail(context.Connection.RemoteIpAddress) is { } wait)
        {
            await TooManyAsync(context, wait);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"CleanseBot admin\"";
        context.Response.Cookies.Delete(AdminKey.CookieName, new CookieOptions { Path = "/admin" });
        await AdminResponses.WriteHtmlAsync(context, AdminPage.Login(message));
    }

    private static async Task TooManyAsync(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<Telemetry.CleanseBotMetrics>().RateLimited(Telemetry.RateLimit.AdminKey);
        await AdminResponses.WriteHtmlAsync(context, AdminPage.Message("Too many wrong keys", $"Too many wrong keys from this address. Try again in {seconds} s."));
    }

    private static bool IsLogin(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);
}
