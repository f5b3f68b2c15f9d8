using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace CleanseBot.Hosting;

/// <summary>
/// Shared state for several replicas behind a load balancer. Section "Redis" of appsettings.json. Empty
/// Configuration (the default) keeps everything in this process's memory, as a single instance needs.
/// </summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string SectionName = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string ("redis:6379,password=..."); it may hold a password, so set it as
    /// the environment variable Redis__Configuration. Empty: no Redis, state in memory.
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>
    /// How long one Redis call may take before the turn that needs it is refused with 503; also the connect timeout.
    /// Short, because a visitor waits through it and the load balancer's own timeout must not fire first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The Retry-After of a 503 sent while Redis is unreachable: about how long a Redis restart or failover takes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => Configuration.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        string? problem = null;
        try
        {
            if (ConfigurationOptions.Parse(Configuration).EndPoints.Count == 0)
            {
                problem = "names no server";
            }
        }
        catch (ArgumentException error)
        {
            problem = error.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(
                $"Redis:Configuration is not a StackExchange.Redis configuration string such as \"localhost:6379\": {problem}",
                [nameof(Configuration)]);
        }
    }
}
