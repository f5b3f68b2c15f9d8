using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace CleanseBot.Tests.Support;

/// <summary>GET /metrics as Prometheus reads it: one sample a line, <c>name{label="value",...} number</c>.</summary>
internal sealed partial class MetricsPage(string text)
{
    public string Text { get; } = text;

    public static async Task<MetricsPage> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics answered {(int)response.StatusCode}: {text}");
        return new MetricsPage(text);
    }

    /// <summary>The sum of the samples named <paramref name="name"/> that carry every label given (others may differ); null when there is none.</summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        double? sum = null;
        foreach (Match sample in Sample().Matches(Text))
        {
            if (sample.Groups["name"].Value != name)
            {
                continue;
            }

            var found = Label().Matches(sample.Groups["labels"].Value).ToDictionary(label => label.Groups[1].Value, label => label.Groups[2].Value);
            if (labels.All(wanted => found.TryGetValue(wanted.Label, out var value) && value == wanted.Value))
            {
                sum = (sum ?? 0) + double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
