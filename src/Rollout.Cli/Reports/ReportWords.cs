using System;
using System.Globalization;
using Rollout.Semantics;

namespace Rollout.Cli.Reports;

/// <summary>Words and formats the reports share, so a decision or a time reads the same in every command.</summary>
internal static class ReportWords
{
    /// <summary>A gate decision as reports say it: advance, hold, roll back, halt.</summary>
    public static string Of(Decision decision) => decision switch
    {
        Decision.Advance => "advance",
        Decision.Hold => "hold",
        Decision.RollBack => "roll back",
        _ => "halt",
    };

    /// <summary>A time in JSON reports: UTC, whole seconds, e.g. 2026-10-08T14:06:30Z.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
