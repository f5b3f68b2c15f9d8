using System.ComponentModel.DataAnnotations;

namespace CleanseBot.Hosting;

/// <summary>
/// The admin page at /admin, for content owners: off (404) unless <see cref="ApiKey"/> is set. Section "Admin" of
/// appsettings.json; the key itself belongs in an environment variable (<c>Admin__ApiKey</c>), never in the file.
/// </summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string SectionName = "Admin";

    /// <summary>Shorter keys can be guessed by a patient attacker even at the throttled rate; 32 characters is <c>openssl rand -hex 16</c>.</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>The key to /admin: as <c>Authorization: Bearer &lt;key&gt;</c>, or typed into the page's login form. Empty: /admin is off.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Wrong keys one client address may try within <see cref="FailedAttemptsWindow"/> before every /admin request from it answers 429.</summary>
    [Range(1, 1_000)]
    public int MaxFailedAttempts { get; set; } = 10;

    /// <summary>How far back wrong keys are counted (a sliding window).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailedAttemptsWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the login form's cookie lets a browser in before the key must be typed again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The knowledge folder the page's "Accept" writes a suggestion into; relative to the binary's folder. Empty: the
    /// folder the service reads (Knowledge:Folder). Point it at a checkout of the repository for a change to review.
    /// </summary>
    public string KnowledgeFolder { get; set; } = "";

    public bool Enabled => ApiKey.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && (ApiKey.Length < MinimumKeyLength || ApiKey.Any(char.IsWhiteSpace)))
        {
            yield return new ValidationResult(
                $"Admin:ApiKey must be at least {MinimumKeyLength} characters without spaces (for example `openssl rand -hex 32`); leave it empty to keep /admin off.",
                [nameof(ApiKey)]);
        }
    }
}
