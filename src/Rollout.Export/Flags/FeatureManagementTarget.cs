using Rollout.Dsl;

namespace Rollout.Export.Flags;

/// <summary><c>rollout export feature-management</c>: <see cref="FeatureManagementExport"/>.</summary>
public sealed class FeatureManagementTarget() : FlagTarget(
    FeatureManagementExport.Engine,
    "a Microsoft.FeatureManagement configuration (the Microsoft.Targeting filter)",
    "rollout export feature-management rollout/new-checkout-flow.plan.json --stage canary -o flags/")
{
    protected override FlagExportResult Export(RolloutPlan plan, FlagExportRequest request) => FeatureManagementExport.Export(plan, request);
}
