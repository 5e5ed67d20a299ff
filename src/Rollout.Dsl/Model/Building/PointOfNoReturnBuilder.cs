using System;

namespace Rollout.Dsl;

/// <summary>Writes the point of no return inside <see cref="RolloutPlanBuilder.PointOfNoReturn"/>.</summary>
public sealed class PointOfNoReturnBuilder : IPlanBuilder
{
    private PointOfNoReturn _point = new();

    /// <summary>What the last call wrote; null before the first.</summary>
    internal PlanWrite? LastWrite { get; private set; }

    PlanWrite? IPlanBuilder.LastWrite => LastWrite;

    /// <summary>Once stage <paramref name="stage"/> has started, forward repair is the default.</summary>
    public PointOfNoReturnBuilder AfterStage(string stage)
    {
        _point = _point with { AfterStage = stage ?? throw new ArgumentNullException(nameof(stage)) };
        return Wrote(PlanPath.Plan.PointOfNoReturn.AfterStage);
    }

    /// <summary>A moment in words after which forward repair is the default.</summary>
    public PointOfNoReturnBuilder At(string moment)
    {
        _point = _point with { Moment = moment ?? throw new ArgumentNullException(nameof(moment)) };
        return Wrote(PlanPath.Plan.PointOfNoReturn.Moment);
    }

    /// <summary>The documented forward-repair path and who carries it out.</summary>
    public PointOfNoReturnBuilder ForwardFix(string path, string? owner = null)
    {
        _point = _point with { ForwardFix = path ?? throw new ArgumentNullException(nameof(path)), Owner = owner };
        return Wrote(PlanPath.Plan.PointOfNoReturn.ForwardFix);
    }

    internal PointOfNoReturn Build() => _point;

    private PointOfNoReturnBuilder Wrote(PlanPath part)
    {
        LastWrite = new PlanWrite(part);
        return this;
    }
}
