using System;
using System.Globalization;

namespace Rollout.Semantics;

/// <summary>How times read in reasons and traces: "2026-12-06 08:30:00 UTC", whatever the culture.</summary>
public static class TimeText
{
    /// <summary>The time in UTC to the second, with "UTC".</summary>
    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The time in JSON: ISO 8601 in UTC to the millisecond, e.g. 2026-12-06T08:30:00.000Z.</summary>
    public static string IsoMilliseconds(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
