using Rollout.Cli.Hosting;

namespace Rollout.Cli.Simulation;

/// <summary>A CSV timeline: <c>time,metric,value[,detail]</c>, value a number or one of gap, error, stale, multi.</summary>
public static class TimelineCsv
{
    public static void Read(string file, string text, SimulationInput input)
    {
        foreach (var (where, fields) in CsvLines.Read(file, text, ["time", "metric", "value", "detail"], 3))
        {
            if (!TimeRef.TryParse(fields[0], out var time)) throw new UserError(where + ": time " + InputWords.Quote(fields[0]) + " is not " + TimeRef.Expected + ".");
            if (fields[1].Length == 0) throw new UserError(where + ": the metric is empty; name one of the plan's metrics, e.g. error_rate.");
            if (!InputWords.TryPoint(fields[2], out var kind, out var value)) throw new UserError(where + ": value " + InputWords.Quote(fields[2]) + " is not " + InputWords.Kinds + ".");
            input.Points.Add(new PointInput(where, fields[1], time, kind, value, fields.Length > 3 && fields[3].Length > 0 ? fields[3] : null));
        }
    }
}
