using System;
using System.Globalization;

namespace Rollout.Cli.Hosting;

/// <summary>A moment on the command line: ISO 8601, UTC when no offset is written.</summary>
internal static class TimeArgument
{
    /// <summary>Reads <paramref name="text"/>, given to <paramref name="option"/>; a <see cref="UserError"/> naming the option otherwise.</summary>
    public static DateTimeOffset Parse(string option, string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
        throw new UserError(option + ": '" + text + "' is not a time; write ISO 8601 such as 2026-11-29T08:00:00Z.");
    }
}
