using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Rollout.Cli.Hosting;

/// <summary>The short durations the command line takes: 30s, 2m, 1m30s, 4h, 1d, 250ms (units in falling order, each at most once).</summary>
public static class ShortDuration
{
    private static readonly Regex Form = new(@"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$", RegexOptions.CultureInvariant);

    /// <summary>Reads <paramref name="text"/>; false for another form, an empty text or a value beyond <see cref="TimeSpan"/>.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = Form.Match(text);
        if (text.Length == 0 || !match.Success) return false;
        try
        {
            long Part(int group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            value = TimeSpan.FromDays(Part(1)) + TimeSpan.FromHours(Part(2)) + TimeSpan.FromMinutes(Part(3)) + TimeSpan.FromSeconds(Part(4)) + TimeSpan.FromMilliseconds(Part(5));
            return true;
        }
        catch (Exception error) when (error is OverflowException or ArgumentException)
        {
            return false;
        }
    }
}
