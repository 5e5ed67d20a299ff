using Rollout.Dsl.Text;

namespace Rollout.Dsl.Rendering.Markdown;

/// <summary>How the runbook names the plan's enum values for people.</summary>
internal static class RunbookWords
{
    public static string Of(RollbackKind kind) => kind switch
    {
        RollbackKind.Config => "Config",
        RollbackKind.Code => "Code",
        RollbackKind.Schema => "Schema",
        RollbackKind.DataRepair => "Data repair",
        _ => EnumText.Undefined(kind),
    };

    public static string Of(StopLossAction action) => action switch
    {
        StopLossAction.Rollback => "**Roll back** now",
        StopLossAction.Halt => "**Halt** the rollout and page the owner",
        _ => EnumText.Undefined(action),
    };

    /// <summary>What a reversible step does, in plain words: "turn feature flag X off".</summary>
    public static string Action(RollbackStep step) => step.Kind switch
    {
        RollbackKind.Config => "turn feature flag " + step.Target + " off",
        RollbackKind.Code => "redeploy " + step.Target,
        RollbackKind.Schema or RollbackKind.DataRepair => "run " + step.Target,
        _ => EnumText.Undefined(step.Kind) + " " + step.Target,
    };

    public static string Grounds(Trigger trigger) => trigger switch
    {
        Trigger.StopLossCrossed => "when a stop-loss threshold is crossed",
        Trigger.AnyReason => "for any reason, including \"something feels wrong\"",
        _ => EnumText.Undefined(trigger),
    };
}
