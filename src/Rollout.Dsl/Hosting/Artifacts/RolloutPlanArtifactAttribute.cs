using System;

namespace Rollout.Dsl;

/// <summary>
/// Written by the RolloutDsl source generator, once per plan: the rendered runbook and JSON plan,
/// embedded in the compiled assembly. The build step reads them from metadata to write the artifact files;
/// services read them at run time through the generated <c>Rollout.Generated.RolloutCatalog</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class RolloutPlanArtifactAttribute : Attribute
{
    public RolloutPlanArtifactAttribute(string planId, string runbookMarkdown, string planJson)
    {
        PlanId = planId;
        RunbookMarkdown = runbookMarkdown;
        PlanJson = planJson;
    }

    public string PlanId { get; }

    /// <summary>The content of <c>&lt;plan-id&gt;.runbook.md</c>.</summary>
    public string RunbookMarkdown { get; }

    /// <summary>The content of <c>&lt;plan-id&gt;.plan.json</c>.</summary>
    public string PlanJson { get; }
}
