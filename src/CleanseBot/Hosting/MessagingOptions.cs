using System.ComponentModel.DataAnnotations;

namespace CleanseBot.Hosting;

/// <summary>Limits on what /api/messages accepts, and where replies may go. Section "Messaging" of appsettings.json.</summary>
public sealed class MessagingOptions : IValidatableObject
{
    public const string SectionName = "Messaging";

    /// <summary>Larger bodies get 413. An activity with a long question is a few kilobytes; channels never send megabytes.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Without MicrosoftAppId, the service URLs (https://channel.example.com/api/) replies may be sent to besides this
    /// machine's own (the Emulator's): a serviceUrl under one of them, on the same scheme, host and port. Anything else
    /// gets 403, so that callers cannot make the bot POST to addresses of their choosing. Unused with an app id.
    /// </summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in AllowedServiceUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.Query.Length > 0
                || uri.Fragment.Length > 0
                || uri.UserInfo.Length > 0)
            {
                yield return new ValidationResult(
                    $"Messaging:AllowedServiceUrls has '{url}'; each must be an absolute http or https URL such as https://channel.example.com/api/, without query or fragment.",
                    [nameof(AllowedServiceUrls)]);
            }
        }
    }
}
