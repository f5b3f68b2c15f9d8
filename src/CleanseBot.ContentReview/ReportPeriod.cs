using System.Globalization;
using System.Text.RegularExpressions;

namespace CleanseBot.ContentReview;

/// <summary>How far back a report reaches, as a content owner writes it: <c>7d</c>, <c>24h</c>, or a date (UTC) such as <c>2026-11-01</c>.</summary>
public static partial class ReportPeriod
{
    /// <summary>A week: what a content owner reviews each time.</summary>
    public const string Default = "7d";

    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(text);
        var period = Period().Match(text);
        if (period.Success)
        {
            var amount = int.Parse(period.Groups[1].Value, CultureInfo.InvariantCulture);
            since = period.Groups[2].Value == "d" ? now.AddDays(-amount) : now.AddHours(-amount);
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            since = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        since = default;
        return false;
    }

    [GeneratedRegex(@"^(\d{1,5})([dh])$", RegexOptions.CultureInvariant)]
    private static partial Regex Period();
}
