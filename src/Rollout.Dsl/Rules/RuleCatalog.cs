using System.Collections.Generic;

namespace Rollout.Dsl.Rules;

/// <summary>Every readiness rule, in id order. The one list that the runtime, analyzers, generator and CLI use.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<Rule> All { get; } = new[]
    {
        SafetyNetRules.StopLossRequired,
        SafetyNetRules.RollbackRequired,
        SafetyNetRules.AuthorityRequired,
        StageRules.StagesRequired,
        StageRules.ObservationWindowRequired,
        StageRules.AdvanceConditionRequired,
        StageRules.TrafficInRange,
        StageRules.TrafficIncreasing,
        StageRules.LastStageFull,
        SafetyNetRules.StopLossConsistentWithGates,
        PersistentStateRules.PointOfNoReturnRequired,
        PersistentStateRules.DataRepairComplete,
        PersistentStateRules.RepairPathRequired,
        AuthorityChecks.NoSignOff,
        AuthorityChecks.AnnouncementRequired,
        IdentityRules.PlanIdValid,
        IdentityRules.StageNamesUnique,
        PersistentStateRules.PointOfNoReturnStageKnown,
        IdentityRules.OwnerRequired,
        PersistentStateRules.CodeRollbackNeedsSchemaStep,
        AuthorityChecks.StopLossTriggerAllowed,
        ValueRules.NumbersMeanSomething,
        ChoiceRules.ChoicesDefined,
        MeasurementRules.MetricsMeasured,
        TextRules.OneLineOfPrintableText,
    };

    /// <summary>Runs every rule over <paramref name="plan"/>; findings come in rule order.</summary>
    public static IReadOnlyList<Finding> Evaluate(RolloutPlan plan)
    {
        var findings = new List<Finding>();
        foreach (var rule in All) findings.AddRange(rule.Check(plan));
        return findings;
    }
}
