using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl;

namespace Rollout.Semantics;

/// <summary>
/// The reference interpreter: runs a <see cref="ReleaseProgram"/> over a measurement source and people's actions
/// and yields the decision trace. It evaluates at the plan's stop-loss cadence (<c>start + k * Every</c>) and at
/// every action's time, stepping one <see cref="ReleaseRun"/> (which takes <see cref="StageGate"/>'s decision for the current
/// stage at each tick, so a run and <c>rollout gate</c> never disagree). The rules are docs/semantics.md's.
/// </summary>
public static class Interpreter
{
    /// <summary>
    /// Runs <paramref name="program"/> from <paramref name="start"/> to <paramref name="until"/> (or until it rolls back
    /// or completes). With a source that answers synchronously (<see cref="MetricTimeline"/>) nothing blocks.
    /// </summary>
    public static DecisionTrace Run(ReleaseProgram program, IMeasurementSource source, IEnumerable<HumanAction> actions, DateTimeOffset start, DateTimeOffset until) =>
        RunAsync(program, source, actions, start, until).GetAwaiter().GetResult();

    /// <summary>The same run, reading through <paramref name="source"/> asynchronously.</summary>
    public static async Task<DecisionTrace> RunAsync(ReleaseProgram program, IMeasurementSource source, IEnumerable<HumanAction> actions, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        if (program is null) throw new ArgumentNullException(nameof(program));
        if (source is null) throw new ArgumentNullException(nameof(source));
        if (actions is null) throw new ArgumentNullException(nameof(actions));
        if (until < start) throw new ArgumentException("The run must end at or after its start (" + TimeText.Of(start) + ").", nameof(until));
        if (program.Plan.Stages.Count == 0) throw new ArgumentException("Plan '" + program.Plan.Id + "' has no stages: there is nothing to run.", nameof(program));

        var every = ReleaseProgram.EvaluationInterval(program.Plan);
        var all = actions.Where(a => a is not null).OrderBy(a => a.Time).ToList();
        var pending = new Queue<HumanAction>(all.Where(a => a.Time >= start && a.Time <= until));
        var events = new List<TraceEvent>();
        var run = ReleaseRun.Start(program, start, out var started);
        events.AddRange(started);
        foreach (var early in all.Where(a => a.Time < start)) events.AddRange(run.Early(early, start));
        for (var tick = start; tick <= until && !run.Finished; tick += every)
        {
            // A person's action at or before this tick is taken first, at its own time.
            while (pending.Count > 0 && pending.Peek().Time <= tick && !run.Finished)
            {
                events.AddRange(await run.ActAsync(pending.Dequeue(), source, cancellationToken).ConfigureAwait(false));
            }
            if (!run.Finished) events.AddRange(await run.TickAsync(tick, source, cancellationToken).ConfigureAwait(false));
        }
        while (pending.Count > 0 && !run.Finished) events.AddRange(await run.ActAsync(pending.Dequeue(), source, cancellationToken).ConfigureAwait(false));
        return new DecisionTrace(program.Plan.Id, start, until, events, run.State, run.StageName);
    }
}
