using Microsoft.Extensions.Options;

namespace CleanseBot.Hosting;

/// <summary>How every settings section is checked: by its generated validator (Hosting/OptionsValidators.cs), when the host starts.</summary>
internal static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> ValidateOnStart<TOptions>(this OptionsBuilder<TOptions> options, IValidateOptions<TOptions> validator)
        where TOptions : class
    {
        options.Services.AddSingleton(validator);
        return options.ValidateOnStart();
    }
}
