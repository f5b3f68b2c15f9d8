using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanseBot.Knowledge.Ranking;

/// <summary>How the learned models' files (ranking and warning signs) are written and where the shipped ones are found.</summary>
internal static class ModelJson
{
    /// <summary>For files a reader looks at: a weight per line, named.</summary>
    public static JsonSerializerOptions Indented { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>For files of many thousands of weights.</summary>
    public static JsonSerializerOptions Compact { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The text of a model file built into this assembly; null in a build without it.</summary>
    public static string? Shipped(string resourceName)
    {
        using var stream = typeof(ModelJson).Assembly.GetManifestResourceStream(resourceName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
