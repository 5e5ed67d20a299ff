using System;

namespace Rollout.Dsl;

/// <summary>Describes one stage inside <see cref="RolloutPlanBuilder.Stage"/>.</summary>
public sealed class StageBuilder : IPlanBuilder
{
    private Stage _stage;

    internal StageBuilder(string name, PlanPath path)
    {
        _stage = new Stage { Name = name };
        Path = path;
    }

    /// <summary>Where the stage goes in the plan: stages[index].</summary>
    internal PlanPath Path { get; }

    /// <summary>What the last call wrote; null before the first.</summary>
    internal PlanWrite? LastWrite { get; private set; }

    PlanWrite? IPlanBuilder.LastWrite => LastWrite;

    /// <summary>Share of traffic in percent (0 &lt; p &lt;= 100) and who is in it.</summary>
    public StageBuilder Traffic(double percent, string? audience = null)
    {
        _stage = _stage with { TrafficPercent = percent, Audience = audience };
        return Wrote(new PlanWrite(Path.Traffic));
    }

    /// <summary>How long the stage is watched before it may advance.</summary>
    public StageBuilder Observe(TimeSpan window)
    {
        _stage = _stage with { Observe = window };
        return Wrote(new PlanWrite(Path.Observe));
    }

    /// <summary>Metric gates that must all hold at the end of the observation window to advance.</summary>
    public StageBuilder AdvanceWhen(params Condition[] gates)
    {
        _stage = _stage with { AdvanceWhen = _stage.AdvanceWhen.AddingAll(gates ?? throw new ArgumentNullException(nameof(gates))) };
        var elements = new PlanPath[gates.Length];
        for (var k = 0; k < gates.Length; k++) elements[k] = Path.AdvanceWhen.At(_stage.AdvanceWhen.Count - gates.Length + k);
        return Wrote(new PlanWrite(Path.AdvanceWhen, elements: elements));
    }

    /// <summary>Entry condition: <paramref name="duration"/> at the previous stage without incident.</summary>
    public StageBuilder After(TimeSpan duration, string? note = null)
    {
        _stage = _stage with { After = new Soak { Duration = duration, Note = note } };
        return Wrote(new PlanWrite(Path.After));
    }

    /// <summary>Roles who may advance or halt this stage by hand.</summary>
    public StageBuilder OverrideBy(params Role[] roles)
    {
        _stage = _stage with { OverrideBy = _stage.OverrideBy.AddingAll(roles ?? throw new ArgumentNullException(nameof(roles))) };
        return Wrote(new PlanWrite(Path.OverrideBy));
    }

    internal Stage Build() => _stage;

    private StageBuilder Wrote(PlanWrite write)
    {
        LastWrite = write;
        return this;
    }
}
