using System;
using System.Globalization;
using Rollout.Cli.Hosting;

namespace Rollout.Cli.Simulation;

/// <summary>
/// A time in a timeline or actions file, or on the command line: an ISO 8601 time with its zone
/// (2026-12-06T08:00:00Z) or an offset from the run's start (+30m, -10m, +1d2h, +0).
/// </summary>
public readonly record struct TimeRef(DateTimeOffset? Absolute, TimeSpan Offset)
{
    /// <summary>What to write, for error messages.</summary>
    /// <summary>The largest offset taken: 100 years.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(36525);

    public const string Expected = "an ISO 8601 time such as 2026-12-06T08:00:00Z or an offset from the start such as +30m, -10m or +1d2h";

    /// <summary>The time, given the run's <paramref name="start"/>.</summary>
    public DateTimeOffset At(DateTimeOffset start) => Absolute ?? start + Offset;

    /// <summary>Reads <paramref name="text"/>; false when it is neither form.</summary>
    public static bool TryParse(string text, out TimeRef value)
    {
        value = default;
        text = text.Trim();
        if (text == "0" || text == "+0" || text == "-0")
        {
            value = new TimeRef(null, TimeSpan.Zero);
            return true;
        }
        if (text.Length > 1 && (text[0] == '+' || text[0] == '-'))
        {
            // Beyond a century an offset is a typo, and it keeps every time inside DateTimeOffset's range.
            if (!ShortDuration.TryParse(text.Substring(1), out var offset) || offset > MaxOffset) return false;
            value = new TimeRef(null, text[0] == '-' ? offset.Negate() : offset);
            return true;
        }
        // A zone is required: a time without one would mean something else on every machine.
        if (text.Length < 11 || text[10] != 'T' || !(text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var absolute)) return false;
        value = new TimeRef(absolute, TimeSpan.Zero);
        return true;
    }
}
