using System.Globalization;

namespace Rollout.Reading;

/// <summary>
/// JSON paths of the parts a DSL call writes, so findings (whose paths come from the rule catalog)
/// can be placed on the call that wrote the part.
/// </summary>
internal static class PlanPaths
{
    /// <summary>The path segment a builder method writes, relative to the builder's own path.</summary>
    public static string? SegmentOf(string builderType, string method) => (builderType, method) switch
    {
        ("RolloutPlanBuilder", "Title") => "title",
        ("RolloutPlanBuilder", "Owner") => "owner",
        ("RolloutPlanBuilder", "Touches") => "touches",
        ("RolloutPlanBuilder", "Rollback") => "rollback",
        ("RolloutPlanBuilder", "Authority") => "authority",
        ("RolloutPlanBuilder", "PointOfNoReturn") => "pointOfNoReturn",
        ("RolloutPlanBuilder", "EvaluateStopLosses") => "stopLossEvaluation",
        ("StageBuilder", "Traffic") => "traffic",
        ("StageBuilder", "Observe") => "observe",
        ("StageBuilder", "AdvanceWhen") => "advanceWhen",
        ("StageBuilder", "After") => "after",
        ("StageBuilder", "OverrideBy") => "overrideBy",
        ("AuthorityBuilder", "MayTrigger") => "mayTrigger",
        ("AuthorityBuilder", "MayOverride") => "mayOverride",
        ("AuthorityBuilder", "Announce") => "announce",
        ("AuthorityBuilder", "Inform") => "inform",
        ("AuthorityBuilder", "RequireSignOff") => "signOff",
        ("PointOfNoReturnBuilder", "AfterStage") => "afterStage",
        ("PointOfNoReturnBuilder", "At") => "moment",
        ("PointOfNoReturnBuilder", "ForwardFix") => "forwardFix",
        _ => null,
    };

    public static string Join(string parent, string segment) => parent.Length == 0 ? segment : parent + "." + segment;

    public static string Index(string collection, int index) => collection + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>"stages[1].observe" → "stages[1]" → "stages" → "".</summary>
    public static string Parent(string path)
    {
        if (path.EndsWith("]", System.StringComparison.Ordinal))
        {
            return path.Substring(0, path.LastIndexOf('['));
        }
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path.Substring(0, dot);
    }
}
