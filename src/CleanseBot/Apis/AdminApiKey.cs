using System.Security.Cryptography;
using System.Text;

namespace CleanseBot.Apis;

/// <summary>
/// Guards an /admin endpoint with Admin:ApiKey, sent in the X-Api-Key header. With no key configured the endpoint
/// does not exist (404), so a default deployment exposes no admin surface; with one, a request without the right key
/// gets 401 and never reaches the endpoint.
/// </summary>
internal static class AdminApiKey
{
    public const string Header = "X-Api-Key";
    public const string SettingName = "Admin:ApiKey";

    public static RouteHandlerBuilder RequireAdminApiKey(this RouteHandlerBuilder endpoint)
    {
        // Read once, when the endpoint is mapped, like any setting: a key changed on disk takes effect at the next start.
        return endpoint.AddEndpointFilter(static async (context, next) =>
        {
            var configured = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>()[SettingName];
            if (string.IsNullOrEmpty(configured))
            {
                return Results.NotFound();
            }

            var presented = context.HttpContext.Request.Headers[Header].ToString();
            return Matches(presented, configured) ? await next(context).ConfigureAwait(false) : Results.Unauthorized();
        });
    }

    // Hashed first so both sides have the same length, then compared in constant time: neither how long the key is
    // nor how many of its first characters a guess got right shows in the response time.
    private static bool Matches(string presented, string configured) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
