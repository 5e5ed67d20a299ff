using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Rollout.Cli.Hosting;
using Rollout.Dsl;
using Rollout.Plans;
using Rollout.Semantics;

namespace Rollout.Cli.Simulation;

/// <summary>A simulation ready to run: the timeline, the actions and the run's bounds, every time resolved.</summary>
public sealed record SimulationSetup(MetricTimeline Timeline, IReadOnlyList<HumanAction> Actions, DateTimeOffset Start, DateTimeOffset Until);

/// <summary>
/// Loads the files of <c>rollout simulate</c> (CSV or JSON, by extension, else by the first character) and resolves
/// their times. Anything unusable is a <see cref="UserError"/> saying where (file:line, or file: JSON path).
/// </summary>
public static class SimulationFiles
{
    /// <summary>Where relative times start when neither --start, the timeline's "start" nor any absolute time says.</summary>
    public static readonly DateTimeOffset DefaultStart = DateTimeOffset.UnixEpoch;

    /// <summary>The most evaluations one run may take (two years at one a minute): more is a typo, and would run for hours.</summary>
    public const long MaxEvaluations = 1_100_000;

    public static SimulationInput Load(string timeline, string? actions)
    {
        var input = new SimulationInput();
        var text = ReadText(timeline, "timeline");
        if (IsJson(timeline, text)) TimelineJson.ReadTimeline(timeline, text, input);
        else TimelineCsv.Read(timeline, text, input);
        if (actions is not null)
        {
            var actionsText = ReadText(actions, "actions");
            if (IsJson(actions, actionsText)) TimelineJson.ReadActionsFile(actions, actionsText, input);
            else ActionsCsv.Read(actions, actionsText, input);
        }
        return input;
    }

    /// <summary>Checks the input against the plan and resolves every time against the start.</summary>
    public static SimulationSetup Resolve(SimulationInput input, ReleaseProgram program, DateTimeOffset? startOption, TimeRef? untilOption)
    {
        var plan = program.Plan;
        var used = PlanMetrics(plan);
        var start = startOption ?? input.Start
            ?? input.Points.Select(p => p.Time.Absolute).Concat(input.Actions.Select(a => a.Time.Absolute)).Where(t => t is not null).Min()
            ?? DefaultStart;
        var seen = new Dictionary<(string, DateTimeOffset), string>();
        var points = new List<KeyValuePair<string, TimelinePoint>>();
        foreach (var point in input.Points)
        {
            if (!used.Contains(point.Metric))
            {
                throw new UserError(point.Where + ": metric '" + point.Metric + "' is not one plan '" + plan.Id + "' watches; its metrics are " + string.Join(", ", used.OrderBy(m => m, StringComparer.Ordinal)) + ".");
            }
            var at = Resolve(point.Time, start, point.Where);
            if (seen.TryGetValue((point.Metric, at), out var first))
            {
                throw new UserError(point.Where + ": metric '" + point.Metric + "' already has a point at this time (" + first + "); keep one.");
            }
            seen[(point.Metric, at)] = point.Where;
            points.Add(new KeyValuePair<string, TimelinePoint>(point.Metric, new TimelinePoint(at, point.Kind, point.Value, point.Detail)));
        }
        var actions = input.Actions.Select(a => new HumanAction(Resolve(a.Time, start, a.Where), a.Kind, a.Role)).ToList();
        var until = (untilOption is { } u ? Resolve(u, start, "--until") : (DateTimeOffset?)null)
            ?? new[] { start + program.NominalLength }.Concat(points.Select(p => p.Value.Time)).Concat(actions.Select(a => a.Time)).Max();
        var every = ReleaseProgram.EvaluationInterval(plan);
        if ((until - start).Ticks / every.Ticks > MaxEvaluations)
        {
            throw new UserError("--until: from " + TimeText.Of(start) + " to " + TimeText.Of(until) + " is more than " + MaxEvaluations.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " evaluations at the plan's cadence of " + Rollout.Dsl.Text.Invariant.Duration(every) + "; give an earlier --until (or check the times in the files).");
        }
        if (until < start) throw new UserError("--until: the run would end before it starts (" + start.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + "); give a later time or a positive offset such as +1d.");
        return new SimulationSetup(new MetricTimeline(points, input.StaleAfter), actions, start, until);
    }

    private static DateTimeOffset Resolve(TimeRef time, DateTimeOffset start, string where)
    {
        try
        {
            return time.At(start);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new UserError(where + ": the time falls outside the years 1 to 9999 once the start (" + TimeText.Of(start) + ") is added.");
        }
    }

    private static HashSet<string> PlanMetrics(RolloutPlan plan)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stopLoss in plan.StopLosses) names.Add(stopLoss.When.Metric.Name);
        foreach (var gate in plan.Stages.SelectMany(s => s.AdvanceWhen)) names.Add(gate.Metric.Name);
        foreach (var measurement in plan.Measurements) names.Add(measurement.Metric.Name);
        return names;
    }

    private static bool IsJson(string file, string text)
    {
        var extension = Path.GetExtension(file);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase)) return true;
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)) return false;
        var first = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return first.StartsWith('{') || first.StartsWith('[');
    }

    private static string ReadText(string file, string what) =>
        InputText.Read(file, "a " + what + " file (.csv or .json)", "pass the " + what + " file (.csv or .json)");
}
