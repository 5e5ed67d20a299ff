using System.Collections.Generic;

namespace Rollout.Export.Flags;

/// <summary>
/// Who has the feature at one point of a plan (a stage, or the rollback): every user whose stable bucket falls
/// under <see cref="SharePercent"/>, plus every member of <see cref="Groups"/>. Both only grow from stage to
/// stage, which is what keeps exposure sticky and monotonic; the rollback is nobody.
/// </summary>
public sealed record FlagExposure(string Point, double SharePercent, IReadOnlyList<string> Groups)
{
    /// <summary>The name <c>--rollback</c> exports under: not a stage name, the flag off for everyone.</summary>
    public const string Rollback = "rollback";

    public bool Everyone => SharePercent >= 100;

    public bool Nobody => SharePercent <= 0 && Groups.Count == 0;
}
