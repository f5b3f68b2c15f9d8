using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CleanseBot.ContentReview;

namespace CleanseBot.Admin;

/// <summary>
/// The per-day rates as a line chart, in SVG written by the server (no script, no library). Each line has its own
/// colour, dash pattern and marker shape and is named in the legend, so it is told apart without colour; every point
/// names its day and value on hover; the title and description are what a screen reader hears, and the table beside
/// the chart on the page holds every value.
/// </summary>
internal static class RatesChart
{
    private const int Width = 760;
    private const int Height = 340;
    private const int Left = 64;
    private const int Right = 736;
    private const int Top = 56;
    private const int Bottom = 272;

    // Okabe and Ito's palette, told apart by people with each common kind of colour blindness.
    private static readonly Series[] Lines =
    [
        new("answered", "#0072B2", "", Marker.Circle, static day => day.Answered),
        new("refused", "#D55E00", "8 4", Marker.Square, static day => day.Refused),
        new("did you mean", "#007A5A", "2 4", Marker.Triangle, static day => day.DidYouMean),
        new("red flag", "#B0508F", "10 3 2 3", Marker.Diamond, static day => day.RedFlags),
    ];

    public static string Render(IReadOnlyList<DayRates> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            return "";
        }

        var first = days[0].Day;
        var last = days[^1].Day;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"rates-title rates-desc\" xmlns=\"http://www.w3.org/2000/svg\">"));
        svg.Append("<title id=\"rates-title\">Share of each day's messages answered, refused, answered with \"did you mean\", and with a red flag</title>");
        svg.Append("<desc id=\"rates-desc\">").Append(Encode(Description(days))).Append("</desc>");

        // Grid and the percentage axis.
        for (var percent = 0; percent <= 100; percent += 25)
        {
            var y = Y(percent / 100.0);
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Right}\" y2=\"{y:0.#}\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 8}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">{percent}%</text>"));
        }

        svg.Append(Invariant($"<text x=\"16\" y=\"{(Top + Bottom) / 2}\" transform=\"rotate(-90 16 {(Top + Bottom) / 2})\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">share of the day's messages</text>"));

        // The days along the bottom: every one, or evenly spaced ones when there are too many to read.
        var every = Math.Max(1, (int)Math.Ceiling(days.Count / 8.0));
        for (var i = 0; i < days.Count; i += every)
        {
            svg.Append(Invariant($"<text x=\"{X(days[i].Day, first, last):0.#}\" y=\"{Bottom + 20}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">{days[i].Day:MM-dd}</text>"));
        }

        svg.Append(Invariant($"<text x=\"{(Left + Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">day (UTC), {first:yyyy-MM-dd} to {last:yyyy-MM-dd}</text>"));

        for (var s = 0; s < Lines.Length; s++)
        {
            var series = Lines[s];
            var points = days.Select(day => (X: X(day.Day, first, last), Y: Y(Share(series.Count(day), day.Messages)), Day: day)).ToList();
            svg.Append("<g>");
            if (points.Count > 1)
            {
                svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{series.Colour}\" stroke-width=\"2.5\""));
                if (series.Dashes.Length > 0)
                {
                    svg.Append(Invariant($" stroke-dasharray=\"{series.Dashes}\""));
                }

                svg.Append(" points=\"").AppendJoin(' ', points.Select(static point => Invariant($"{point.X:0.#},{point.Y:0.#}"))).Append("\"/>");
            }

            foreach (var point in points)
            {
                var value = Invariant($"{point.Day.Day:yyyy-MM-dd}: {series.Name} {Percent(series.Count(point.Day), point.Day.Messages)} of {point.Day.Messages} messages");
                svg.Append(MarkerAt(series, point.X, point.Y, value));
            }

            // The legend, above the plot: a short line with the marker, and the name.
            var legendX = Left + (s * 168);
            svg.Append(Invariant($"<line x1=\"{legendX}\" y1=\"24\" x2=\"{legendX + 36}\" y2=\"24\" stroke=\"{series.Colour}\" stroke-width=\"2.5\""));
            if (series.Dashes.Length > 0)
            {
                svg.Append(Invariant($" stroke-dasharray=\"{series.Dashes}\""));
            }

            svg.Append("/>").Append(MarkerAt(series, legendX + 18, 24, null));
            svg.Append(Invariant($"<text x=\"{legendX + 44}\" y=\"28\" font-size=\"13\" fill=\"#111\">{series.Name}</text>"));
            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Description(IReadOnlyList<DayRates> days)
    {
        var latest = days[^1];
        var ranges = Lines.Select(series =>
        {
            var shares = days.Select(day => Share(series.Count(day), day.Messages)).ToList();
            return Invariant($"{series.Name} from {shares.Min():0.0%} to {shares.Max():0.0%}");
        });
        return Invariant($"{days.Count} days from {days[0].Day:yyyy-MM-dd} to {latest.Day:yyyy-MM-dd}: ") + string.Join("; ", ranges)
            + Invariant($". On {latest.Day:yyyy-MM-dd}, of {latest.Messages} messages: ")
            + string.Join(", ", Lines.Select(series => $"{series.Name} {Percent(series.Count(latest), latest.Messages)}"))
            + ". The table of rates per day gives every value.";
    }

    private static string MarkerAt(Series series, double x, double y, string? title)
    {
        var shape = series.Marker switch
        {
            Marker.Circle => Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4.5\""),
            Marker.Square => Invariant($"<rect x=\"{x - 4:0.#}\" y=\"{y - 4:0.#}\" width=\"8\" height=\"8\""),
            Marker.Triangle => Invariant($"<polygon points=\"{x:0.#},{y - 5.5:0.#} {x + 5.5:0.#},{y + 4.5:0.#} {x - 5.5:0.#},{y + 4.5:0.#}\""),
            _ => Invariant($"<polygon points=\"{x:0.#},{y - 6:0.#} {x + 6:0.#},{y:0.#} {x:0.#},{y + 6:0.#} {x - 6:0.#},{y:0.#}\""),
        };
        var fill = Invariant($" fill=\"{series.Colour}\" stroke=\"#fff\" stroke-width=\"1\"");
        return title is null ? shape + fill + "/>" : shape + fill + "><title>" + Encode(title) + "</title>" + ClosingTag(series.Marker);
    }

    private static string ClosingTag(Marker marker) => marker switch
    {
        Marker.Circle => "</circle>",
        Marker.Square => "</rect>",
        _ => "</polygon>",
    };

    // One day alone sits in the middle.
    private static double X(DateOnly day, DateOnly first, DateOnly last) =>
        first == last ? (Left + Right) / 2.0 : Left + ((Right - Left) * (double)(day.DayNumber - first.DayNumber) / (last.DayNumber - first.DayNumber));

    private static double Y(double share) => Bottom - ((Bottom - Top) * share);

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Percent(int part, int whole) => Invariant($"{Share(part, whole):0.0%}");

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private enum Marker
    {
        Circle,
        Square,
        Triangle,
        Diamond,
    }

    private sealed record Series(string Name, string Colour, string Dashes, Marker Marker, Func<DayRates, int> Count);
}
