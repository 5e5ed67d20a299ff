namespace Rollout.Cli.Diff;

/// <summary>How a change moves a release's risk. Swapping old and new turns riskier into safer and back.</summary>
public enum Risk
{
    Riskier,
    Safer,
    Neutral,
}

/// <summary>One difference between two revisions of a plan: where (plan id, path in the plan), its risk and why.</summary>
public sealed record PlanChange(Risk Risk, string Plan, string Path, string Reason)
{
    public static string Word(Risk risk) => risk switch
    {
        Risk.Riskier => "riskier",
        Risk.Safer => "safer",
        _ => "neutral",
    };

    /// <summary>"riskier new-checkout-flow stages[staged].observe: observation window shortened from 4 h to 1 h".</summary>
    public override string ToString() => Word(Risk) + " " + Plan + " " + (Path.Length == 0 ? "plan" : Path) + ": " + Reason;
}
