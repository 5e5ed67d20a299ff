using Rollout.Cli.Hosting;

namespace Rollout.Cli.Simulation;

/// <summary>A CSV of human actions: <c>time,action,role</c>, action one of approve, promote, abort.</summary>
public static class ActionsCsv
{
    public static void Read(string file, string text, SimulationInput input)
    {
        foreach (var (where, fields) in CsvLines.Read(file, text, ["time", "action", "role"], 3))
        {
            if (!TimeRef.TryParse(fields[0], out var time)) throw new UserError(where + ": time " + InputWords.Quote(fields[0]) + " is not " + TimeRef.Expected + ".");
            if (!InputWords.TryAction(fields[1], out var kind)) throw new UserError(where + ": action " + InputWords.Quote(fields[1]) + " is not " + InputWords.ActionKinds + ".");
            if (fields[2].Length == 0) throw new UserError(where + ": the role is empty; name the role of the person, e.g. on-call engineer.");
            input.Actions.Add(new ActionInput(where, time, kind, fields[2]));
        }
    }
}
