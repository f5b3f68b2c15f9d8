using Microsoft.Extensions.Options;

namespace CleanseBot.Hosting;

/// <summary>
/// With Redis on, a Direct Line token issued by one replica must be accepted by every other: a random key per
/// process would make every request that reaches another replica a 401. So the key must be set, the same everywhere.
/// </summary>
internal sealed class SigningKeyWithRedis(IOptions<RedisOptions> redis) : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options) =>
        redis.Value.Enabled && !options.AzureMode && options.TokenSigningKey.Length == 0
            ? ValidateOptionsResult.Fail(
                "DirectLine:TokenSigningKey is required when Redis:Configuration is set: every replica must verify the tokens the others sign. Set the same key of at least 32 characters on each (environment variable DirectLine__TokenSigningKey).")
            : ValidateOptionsResult.Success;
}
