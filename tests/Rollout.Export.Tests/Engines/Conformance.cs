using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Argo;
using Rollout.Export.Flagger;
using Rollout.Semantics;

namespace Rollout.Export.Tests.Engines;

/// <summary>The outcome of one plan × scenario on one engine.</summary>
public sealed record ConformanceCase(string Engine, string PlanId, string Scenario, string? Difference, ExportWarning? NamedBy)
{
    public bool Equal => Difference is null;

    public bool Unnamed => Difference is not null && NamedBy is null;

    public override string ToString() => Engine + " " + PlanId + " / " + Scenario + ": " + (Difference ?? "same decisions")
        + (Difference is null ? "" : NamedBy is null ? " — NOT NAMED in the export's warnings" : " — named: " + NamedBy);
}

/// <summary>
/// Runs a plan's export on an engine model and the plan on the reference interpreter over the same scenarios, and
/// decides for each difference whether the export's approximation warnings name it.
/// </summary>
public static class Conformance
{
    public static IEnumerable<ConformanceCase> Argo(RolloutPlan plan, KubernetesOptions options, int seed)
    {
        var export = ArgoExport.Export(plan, options);
        var yaml = export.ToYaml();
        return Run(plan, seed, "argo", export, (scenario, prometheus) => ArgoModel.Run(yaml, plan.Id, prometheus, scenario.Actions, Scenarios.T0, scenario.Until));
    }

    public static IEnumerable<ConformanceCase> Flagger(RolloutPlan plan, KubernetesOptions options, int seed)
    {
        ExportResult export;
        try
        {
            export = FlaggerExport.Export(plan, options);
        }
        catch (ExportException)
        {
            yield break; // refused with a message: nothing runs (FlaggerSemanticsTests)
        }
        var yaml = export.ToYaml();
        foreach (var result in Run(plan, seed, "flagger", export, (scenario, prometheus) => FlaggerModel.Run(yaml, plan.Id, prometheus, scenario.Actions, Scenarios.T0, scenario.Until)))
            yield return result;
    }

    private static IEnumerable<ConformanceCase> Run(RolloutPlan plan, int seed, string engine, ExportResult export, Func<Scenario, FakePrometheus, DecisionTrace> model)
    {
        var program = ReleaseProgram.Compile(plan);
        var tolerance = plan.StopLossEvaluation.Every + TimeSpan.FromSeconds(1);
        foreach (var scenario in Scenarios.For(plan, seed))
        {
            var reference = Interpreter.Run(program, scenario.Timeline, scenario.Actions, Scenarios.T0, scenario.Until);
            var engineTrace = model(scenario, new FakePrometheus(plan, scenario.Timeline));
            var difference = Traces.Difference(reference, engineTrace, tolerance);
            var named = difference is null ? null : engine == "argo" ? ArgoNames(export, reference, engineTrace) : FlaggerNames(export, reference, engineTrace, tolerance);
            yield return new ConformanceCase(engine, plan.Id, scenario.Name, difference, named);
        }
    }

    // The Argo export's approximations that explain a difference (see ArgoExport for each).
    private static ExportWarning? ArgoNames(ExportResult export, DecisionTrace reference, DecisionTrace engine)
    {
        var at = FirstDifferenceTime(reference, engine);
        foreach (var warning in export.Warnings.Where(w => w.Kind == ExportWarningKind.Approximation))
        {
            // A stage that waits for a person after its gates: the reference had advanced it before the difference.
            if (warning.Message.Contains("waits for a person even after its gates", StringComparison.Ordinal)
                && reference.Events.Any(e => e.Kind == TraceEventKind.Advance && "stage " + e.Stage == warning.Subject && e.Time <= at))
                return warning;
            // A halt switches Argo's analysis off until a person acts: the reference had halted before the difference.
            if (warning.Subject == "halt" && reference.Events.Any(e => e.Kind is TraceEventKind.Halt or TraceEventKind.ForwardFixRequired && e.Time <= at))
                return warning;
            // A point of no return only in words: the export treats the whole rollout as past it, the reference does not place it.
            if (warning.Subject == "point of no return" && warning.Message.Contains("cannot be placed", StringComparison.Ordinal))
                return warning;
        }
        return null;
    }

    // The Flagger export's approximations that explain a difference.
    private static ExportWarning? FlaggerNames(ExportResult export, DecisionTrace reference, DecisionTrace engine, TimeSpan tolerance)
    {
        var expected = Traces.Decisions(reference);
        var actual = Traces.Decisions(engine);
        var i = Traces.FirstDifference(reference, engine, tolerance)!.Value;
        ExportWarning? Find(string subject) => export.Warnings.FirstOrDefault(w => w.Kind == ExportWarningKind.Approximation && w.Subject.StartsWith(subject, StringComparison.Ordinal));
        var reference_ = i < expected.Count ? expected[i] : null;
        var engine_ = i < actual.Count ? actual[i] : null;
        if (reference_ is not null && engine_ is not null && reference_.Kind == engine_.Kind && reference_.Stage == engine_.Stage)
            // The same decision at another time: a rollback one interval late, or steps of one interval (the longest wait).
            // A promotion a person allowed waits for the next tick's look at the gate.
            return engine_.Kind == TraceEventKind.RollBack ? Find("stop-loss timing")
                : reference.Events.Any(e => e.Kind == TraceEventKind.Approved && e.Time <= reference_.Time) ? Find("promotion gate") ?? Find("interval")
                : Find("interval");
        if (reference_?.Kind == TraceEventKind.RollBack && engine_?.Kind != TraceEventKind.RollBack)
            // A breach between two ticks, or shorter than the interval it is averaged over, is never seen.
            return Find("stop-loss cadence");
        if (engine_?.Kind == TraceEventKind.RollBack)
            // A halt is a rollback on Flagger; a missed gate or missing data is a failed check, which rolls back.
            return reference_?.Kind == TraceEventKind.Halt ? Find("stop-loss ") : Find("advance gates") ?? Find("missing data");
        if (reference_?.Kind == TraceEventKind.Halt) return Find("stop-loss ");
        // A stage the engine never starts, or starts in another order: skipped past the point of no return, or reached
        // later because every step lasts the longest wait.
        return Find("point of no return") ?? Find("interval");
    }

    private static DateTimeOffset FirstDifferenceTime(DecisionTrace reference, DecisionTrace engine)
    {
        var expected = Traces.Decisions(reference);
        var actual = Traces.Decisions(engine);
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            if (i >= expected.Count) return actual[i].Time;
            if (i >= actual.Count || expected[i].Kind != actual[i].Kind || expected[i].Stage != actual[i].Stage || expected[i].Time != actual[i].Time)
                return expected[i].Time;
        }
        return reference.Until;
    }
}
