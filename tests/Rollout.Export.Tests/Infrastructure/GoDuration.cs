using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>Reads a duration the way Go's time.ParseDuration does for the units manifests use (h, m, s, ms): "1h30m", "90s".</summary>
public static class GoDuration
{
    private static readonly Regex Part = new("([0-9]+(?:\\.[0-9]+)?)(ms|h|m|s)", RegexOptions.CultureInvariant);

    public static TimeSpan Parse(string text)
    {
        var total = TimeSpan.Zero;
        var position = 0;
        foreach (Match match in Part.Matches(text))
        {
            if (match.Index != position) break;
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                _ => TimeSpan.FromMilliseconds(value),
            };
            position = match.Index + match.Length;
        }
        if (position != text.Length || text.Length == 0) throw new FormatException("'" + text + "' is not a Go duration.");
        return total;
    }
}
