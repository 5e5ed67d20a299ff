using System.Collections.Generic;
using System.Linq;
using static Rollout.Dsl.Rules.PlanText;

namespace Rollout.Dsl.Rules;

/// <summary>Changes to schemas and stored data: rollback alone is not enough.</summary>
internal static class PersistentStateRules
{
    public static readonly Rule PointOfNoReturnRequired = new("ROLL011", RuleSeverity.Error,
        "A change to persistent state names its point of no return", plan => SafetyNetRules.Missing(
            plan.Touches.Any(s => s.ChangesPersistentState()) && plan.PointOfNoReturn is null,
            Plan(plan) + " changes persistent state (" + string.Join(", ", plan.Touches.Where(s => s.ChangesPersistentState()).Select(SurfaceFacts.PlainName)) + ") but has no point of no return. Add .PointOfNoReturn(p => p.AfterStage(\"<stage>\").ForwardFix(\"<forward repair path>\", owner: \"<team>\")).",
            PlanPath.Plan.PointOfNoReturn));

    public static readonly Rule DataRepairComplete = new("ROLL012", RuleSeverity.Error,
        "Every data-repair step has an owner and an estimated duration", IncompleteRepairs);

    public static readonly Rule RepairPathRequired = new("ROLL013", RuleSeverity.Error,
        "A change that writes data plans how wrongly written records are repaired", plan => SafetyNetRules.Missing(
            plan.Touches.Contains(Surface.PersistentData)
                && !plan.Rollback.Any(s => s.Kind == RollbackKind.DataRepair)
                && string.IsNullOrWhiteSpace(plan.PointOfNoReturn?.ForwardFix),
            Plan(plan) + " writes persistent data but has neither a data-repair step nor a forward-fix path. Add r.DataRepair(\"<script>\", owner: \"<team>\", takes: <estimate>) to .Rollback, or a .ForwardFix(...) to .PointOfNoReturn.",
            PlanPath.Plan.Rollback));

    public static readonly Rule PointOfNoReturnStageKnown = new("ROLL018", RuleSeverity.Error,
        "A point of no return names a stage of the plan and a forward-fix path", PointOfNoReturnProblems);

    public static readonly Rule CodeRollbackNeedsSchemaStep = new("ROLL020", RuleSeverity.Warning,
        "A code rollback of a schema change says how the schema is reverted", plan => SafetyNetRules.Missing(
            plan.Touches.Contains(Surface.DatabaseSchema)
                && plan.Rollback.Any(s => s.Kind == RollbackKind.Code)
                && !plan.Rollback.Any(s => s.Kind == RollbackKind.Schema),
            Plan(plan) + " redeploys the previous artifact but changes the database schema; a code rollback is only clean while the schema is unchanged. Add r.Schema(\"<down-migration>\", takes: ...) or r.SchemaIrreversible(runbook: \"<link>\").",
            PlanPath.Plan.Rollback));

    private static IEnumerable<(string, PlanPath)> IncompleteRepairs(RolloutPlan plan)
    {
        for (var i = 0; i < plan.Rollback.Count; i++)
        {
            var step = plan.Rollback[i];
            if (step.Kind != RollbackKind.DataRepair) continue;
            var missing = new List<string>();
            if (string.IsNullOrWhiteSpace(step.Owner)) missing.Add("owner: \"<team>\"");
            if (step.Takes is not { } takes || takes <= System.TimeSpan.Zero) missing.Add("takes: TimeSpan.FromHours(<estimate>)");
            if (missing.Count == 0) continue;
            yield return (
                Plan(plan) + ": data repair '" + step.Target + "' has no " + (missing.Count == 2 ? "owner and no estimated duration" : missing[0].StartsWith("owner") ? "owner" : "estimated duration") + ". Add " + string.Join(" and ", missing) + " to r.DataRepair(...).",
                PlanPath.Plan.Rollback.At(i));
        }
    }

    private static IEnumerable<(string, PlanPath)> PointOfNoReturnProblems(RolloutPlan plan)
    {
        if (plan.PointOfNoReturn is not { } point) yield break;
        if (point.AfterStage is { } stage && !plan.Stages.Any(s => s.Name == stage))
        {
            yield return (
                Plan(plan) + ": the point of no return is after stage '" + stage + "', which the plan does not have. Use one of: " + string.Join(", ", plan.Stages.Select(s => "'" + s.Name + "'")) + ".",
                PlanPath.Plan.PointOfNoReturn.AfterStage);
        }
        if (point.AfterStage is null && string.IsNullOrWhiteSpace(point.Moment))
        {
            yield return (Plan(plan) + ": the point of no return does not say when it is reached. Add p.AfterStage(\"<stage>\") or p.At(\"<moment>\").", PlanPath.Plan.PointOfNoReturn);
        }
        if (string.IsNullOrWhiteSpace(point.ForwardFix))
        {
            yield return (Plan(plan) + ": the point of no return has no forward-fix path. Add p.ForwardFix(\"<how to repair forward>\", owner: \"<team>\").", PlanPath.Plan.PointOfNoReturn.ForwardFix);
        }
    }
}
