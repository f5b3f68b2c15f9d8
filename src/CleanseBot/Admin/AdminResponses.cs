using System.Security.Cryptography;
using System.Text;

namespace CleanseBot.Admin;

/// <summary>
/// What every /admin response carries: a content security policy that lets the page run no script and load nothing
/// (its one style sheet is inline and allowed by its hash), no caching, no framing, no referrer.
/// </summary>
internal static class AdminResponses
{
    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src '{StyleHash()}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Protect(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }

    public static Task WriteHtmlAsync(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    private static string StyleHash() => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(AdminPage.Style)));
}
