using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rollout.Cli.Hosting;

namespace Rollout.Cli.Simulation;

/// <summary>
/// The CSV both simulation files use: one record a line, fields split on commas (the last field takes the rest of
/// the line), blank lines and lines starting with # skipped, an optional header line naming the columns.
/// </summary>
public static class CsvLines
{
    /// <summary>The records of <paramref name="text"/> as (where, fields); <paramref name="columns"/> names the header and the fields (the last ones optional from <paramref name="required"/> on).</summary>
    public static IEnumerable<(string Where, string[] Fields)> Read(string file, string text, string[] columns, int required)
    {
        var lines = text.Split('\n');
        var seenContent = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var where = file + ":" + (i + 1).ToString(CultureInfo.InvariantCulture);
            if (i == 0 && line.Length > 0 && line[0] == '\uFEFF') line = line.Substring(1);
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var fields = line.Split(',', columns.Length).Select(f => f.Trim()).ToArray();
            if (!seenContent)
            {
                seenContent = true;
                if (fields.Length >= required && fields.Take(required).Select(f => f.ToLowerInvariant()).SequenceEqual(columns.Take(required))) continue;
            }
            if (fields.Length < required)
            {
                throw new UserError(where + ": expected " + string.Join(",", columns.Take(required)) + (columns.Length > required ? "[," + string.Join(",", columns.Skip(required)) + "]" : "")
                    + ", found " + fields.Length.ToString(CultureInfo.InvariantCulture) + " field(s): " + InputWords.Quote(line.Trim()));
            }
            yield return (where, fields);
        }
    }
}
