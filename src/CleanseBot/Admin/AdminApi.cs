using System.Data.Common;
using CleanseBot.ContentReview;
using CleanseBot.QuestionLog;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace CleanseBot.Admin;

/// <summary>
/// /admin: the insights report for content owners, its login form, and accepting a suggestion. Every route here is
/// behind <see cref="AdminGate"/>, which lets a request in only with the key.
/// </summary>
internal static partial class AdminApi
{
    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin");
        admin.MapGet("/", ShowAsync);
        admin.MapPost("/login", LogInAsync);
        admin.MapPost("/logout", LogOutAsync);
        admin.MapPost("/suggestions/{id:long}/accept", AcceptAsync);
        admin.MapKnowledgeReload();
    }

    private static Task ShowAsync(HttpContext context, string? since) => WriteReportAsync(context, since ?? ReportPeriod.Default, notice: null);

    private static async Task LogInAsync(HttpContext context, AdminKey key)
    {
        if (!context.Request.HasFormContentType)
        {
            await AdminGate.RefuseAsync(context, counted: false, "Type the key into the form.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!key.Matches(form["key"].ToString()))
        {
            await AdminGate.RefuseAsync(context, counted: true, "That key is not right.");
            return;
        }

        context.Response.Cookies.Append(AdminKey.CookieName, key.NewSession(), SessionCookie(context, key.SessionLifetime));
        context.Response.Redirect("/admin", permanent: false);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    }

    private static async Task LogOutAsync(HttpContext context)
    {
        if (!await FormTokenIsValidAsync(context))
        {
            return;
        }

        context.Response.Cookies.Delete(AdminKey.CookieName, SessionCookie(context, TimeSpan.Zero));
        context.Response.Redirect("/admin", permanent: false);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    }

    private static async Task AcceptAsync(HttpContext context, long id, KnowledgeSuggestions suggestions, ILogger<KnowledgeSuggestions> logger)
    {
        if (!await FormTokenIsValidAsync(context))
        {
            return;
        }

        var since = context.Request.HasFormContentType ? context.Request.Form["since"].ToString() : "";
        AcceptedSuggestion result;
        try
        {
            result = await suggestions.AcceptAsync(id, context.RequestAborted);
        }
        catch (DbException problem)
        {
            LogLogUnreadable(logger, problem);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await AdminResponses.WriteHtmlAsync(context, AdminPage.Message("Question log unavailable", "The question log cannot be read or written just now; nothing was accepted. Try again later."));
            return;
        }

        if (result.Accepted)
        {
            LogAccepted(logger, id, result.Message);
        }

        context.Response.StatusCode = result.Outcome switch
        {
            AcceptanceOutcome.Accepted => StatusCodes.Status200OK,
            AcceptanceOutcome.UnknownId => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        };
        await WriteReportAsync(context, since.Length > 0 ? since : ReportPeriod.Default, new AdminNotice(result.Message, !result.Accepted));
    }

    private static async Task WriteReportAsync(HttpContext context, string since, AdminNotice? notice)
    {
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!ReportPeriod.TryParseSince(since, now, out var from))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await AdminResponses.WriteHtmlAsync(context, AdminPage.Message("Unknown period", "The period is a number of days or hours (7d, 24h) or a date (2026-11-01)."));
            return;
        }

        InsightsReport? report = null;
        if (services.GetRequiredService<IOptions<QuestionLogOptions>>().Value.Enabled)
        {
            try
            {
                report = await InsightsReading.ReadAsync(services.GetRequiredService<QuestionLogStore>(), from, now, context.RequestAborted);
            }
            catch (DbException problem)
            {
                LogLogUnreadable(services.GetRequiredService<ILogger<KnowledgeSuggestions>>(), problem);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await AdminResponses.WriteHtmlAsync(context, AdminPage.Message("Question log unavailable", "The question log cannot be read just now. Try again later."));
                return;
            }
        }

        var tokens = services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var view = new AdminReportView(
            report,
            since,
            services.GetRequiredService<KnowledgeSuggestions>().Folder,
            new AdminFormToken(tokens.FormFieldName, tokens.RequestToken!),
            notice);
        await AdminResponses.WriteHtmlAsync(context, AdminPage.Report(view));
    }

    // A form posted by a browser let in by its cookie must carry the page's token, or another site could have posted
    // it in the owner's name (CSRF). A request with the key in its Authorization header needs none: no browser adds
    // that header by itself.
    /// <summary>
    /// Whether a state-changing request may go on: always with the key as a Bearer token; with the page's session
    /// cookie, only with the form's antiforgery token, else it is answered here (400).
    /// </summary>
    internal static async Task<bool> FormTokenIsValidAsync(HttpContext context)
    {
        if (!AdminGate.ByCookie(context))
        {
            return true;
        }

        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await AdminResponses.WriteHtmlAsync(context, AdminPage.Message("Form expired", "This form is out of date or did not come from the admin page. Reload the page and try again."));
            return false;
        }
    }

    private static CookieOptions SessionCookie(HttpContext context, TimeSpan lifetime) => new()
    {
        Path = "/admin",
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        MaxAge = lifetime,
        IsEssential = true,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin accepted suggestion {SuggestionId}: {Result}")]
    private static partial void LogAccepted(ILogger logger, long suggestionId, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The admin page could not use the question log")]
    private static partial void LogLogUnreadable(ILogger logger, Exception error);
}
