using System;

namespace Rollout.Dsl;

/// <summary>Describes one stage inside <see cref="RolloutPlanBuilder.Stage"/>.</summary>
public sealed class StageBuilder
{
    private Stage _stage;

    internal StageBuilder(string name) => _stage = new Stage(name);

    /// <summary>Share of traffic in percent (0 &lt; p &lt;= 100) and who is in it.</summary>
    public StageBuilder Traffic(double percent, string? audience = null)
    {
        _stage = _stage with { TrafficPercent = percent, Audience = audience };
        return this;
    }

    /// <summary>How long the stage is watched before it may advance.</summary>
    public StageBuilder Observe(TimeSpan window)
    {
        _stage = _stage with { Observe = window };
        return this;
    }

    /// <summary>Metric gates that must all hold at the end of the observation window to advance.</summary>
    public StageBuilder AdvanceWhen(params Condition[] gates)
    {
        _stage = _stage with { AdvanceWhen = _stage.AdvanceWhen.AddRange(gates ?? throw new ArgumentNullException(nameof(gates))) };
        return this;
    }

    /// <summary>Entry condition: <paramref name="duration"/> at the previous stage without incident.</summary>
    public StageBuilder After(TimeSpan duration, string? note = null)
    {
        _stage = _stage with { After = new Soak(duration, note) };
        return this;
    }

    /// <summary>Roles who may advance or halt this stage by hand.</summary>
    public StageBuilder OverrideBy(params Role[] roles)
    {
        _stage = _stage with { OverrideBy = _stage.OverrideBy.AddRange(roles ?? throw new ArgumentNullException(nameof(roles))) };
        return this;
    }

    internal Stage Build() => _stage;
}
