using Rollout.Dsl;

namespace Rollout.Export.Flags;

/// <summary><c>rollout export flagd</c>: <see cref="FlagdExport"/>.</summary>
public sealed class FlagdTarget() : FlagTarget(
    FlagdExport.Engine,
    "an OpenFeature flagd flag definition (fractional targeting on the targeting key)",
    "rollout export flagd rollout/new-checkout-flow.plan.json --stage canary -o flags/")
{
    protected override FlagExportResult Export(RolloutPlan plan, FlagExportRequest request) => FlagdExport.Export(plan, request);
}
