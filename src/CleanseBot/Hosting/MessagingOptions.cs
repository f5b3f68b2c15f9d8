using System.ComponentModel.DataAnnotations;

namespace CleanseBot.Hosting;

/// <summary>Limits on what /api/messages accepts. Section "Messaging" of appsettings.json.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Larger bodies get 413. An activity with a long question is a few kilobytes; channels never send megabytes.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
