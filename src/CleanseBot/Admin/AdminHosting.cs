using CleanseBot.Hosting;
using Microsoft.Extensions.Options;

namespace CleanseBot.Admin;

/// <summary>The admin page's composition: its options always (validated at start), its routes only when Admin:ApiKey is set.</summary>
internal static class AdminHosting
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateOnStart(new AdminOptionsValidator());
        services.AddSingleton<AdminKey>();
        services.AddSingleton<FailedAdminAttempts>();
        services.AddSingleton<KnowledgeSuggestions>();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "CleanseBot.Admin.Form";
            antiforgery.Cookie.Path = "/admin";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        return builder;
    }

    /// <summary>Off (nothing mapped, so /admin is 404) unless Admin:ApiKey is set.</summary>
    public static WebApplication MapAdmin(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<AdminOptions>>().Value.Enabled)
        {
            return app;
        }

        app.UseWhen(AdminGate.IsFor, branch => branch.UseMiddleware<AdminGate>());
        app.MapAdminApi();
        return app;
    }
}
