using System;
using System.Globalization;

namespace Rollout.Semantics;

/// <summary>How times read in reasons and traces: "2026-12-06 08:30:00 UTC", whatever the culture.</summary>
public static class TimeText
{
    /// <summary>The time in UTC to the second, with "UTC".</summary>
    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
