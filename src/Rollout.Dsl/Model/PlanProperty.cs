namespace Rollout.Dsl;

/// <summary>
/// Every property name of the JSON plan (schemas/rollout-plan.v1.schema.json), written once: the writer writes them, the
/// plan-file reader (src/Rollout.Plans) reads them, <see cref="PlanPath"/> points with them, and a test holds the schema
/// to exactly this list. A name shared by several objects (owner, when, metric, ...) is one entry.
/// </summary>
internal static class PlanProperty
{
    public const string SchemaVersion = "schemaVersion";
    public const string Id = "id";
    public const string Title = "title";
    public const string Owner = "owner";
    public const string Touches = "touches";
    public const string Stages = "stages";
    public const string StopLoss = "stopLoss";
    public const string StopLossEvaluation = "stopLossEvaluation";
    public const string Measurements = "measurements";
    public const string Rollback = "rollback";
    public const string Authority = "authority";
    public const string PointOfNoReturn = "pointOfNoReturn";
    public const string Source = "source";
    public const string Readiness = "readiness";
    public const string Name = "name";
    public const string Traffic = "traffic";
    public const string Observe = "observe";
    public const string AdvanceWhen = "advanceWhen";
    public const string After = "after";
    public const string OverrideBy = "overrideBy";
    public const string Percent = "percent";
    public const string Audience = "audience";
    public const string Duration = "duration";
    public const string Note = "note";
    public const string When = "when";
    public const string Action = "action";
    public const string Every = "every";
    public const string Window = "window";
    public const string Metric = "metric";
    public const string Unit = "unit";
    public const string Query = "query";
    public const string Comparison = "comparison";
    public const string Threshold = "threshold";
    public const string Kind = "kind";
    public const string Target = "target";
    public const string Takes = "takes";
    public const string Reversible = "reversible";
    public const string Runbook = "runbook";
    public const string Scope = "scope";
    public const string MayTrigger = "mayTrigger";
    public const string MayOverride = "mayOverride";
    public const string Announce = "announce";
    public const string Inform = "inform";
    public const string SignOff = "signOff";
    public const string Role = "role";
    public const string Channel = "channel";
    public const string Within = "within";
    public const string Include = "include";
    public const string AfterStage = "afterStage";
    public const string Moment = "moment";
    public const string ForwardFix = "forwardFix";
    public const string Member = "member";
    public const string File = "file";
    public const string Rule = "rule";
    public const string Severity = "severity";
    public const string Status = "status";
    public const string Findings = "findings";
    public const string Message = "message";
    public const string Path = "path";
}
