using System;
using System.Collections.Generic;

namespace Rollout.Dsl;

/// <summary>Lists rollback steps in execution order inside <see cref="RolloutPlanBuilder.Rollback"/>.</summary>
public sealed class RollbackBuilder : IPlanBuilder
{
    private readonly List<RollbackStep> _steps = new();
    private readonly int _indexBase;

    /// <param name="indexBase">How many rollback steps earlier Rollback(...) calls of the plan already added.</param>
    internal RollbackBuilder(int indexBase) => _indexBase = indexBase;

    /// <summary>What the last call wrote: its step, rollback[index]; null before the first.</summary>
    internal PlanWrite? LastWrite { get; private set; }

    PlanWrite? IPlanBuilder.LastWrite => LastWrite;

    internal IReadOnlyList<RollbackStep> Steps => _steps;

    /// <summary>Turn feature flag <paramref name="flag"/> off; no deploy needed.</summary>
    public RollbackBuilder Config(string flag, TimeSpan takes, string? when = null) =>
        Add(new RollbackStep { Kind = RollbackKind.Config, Target = flag ?? throw new ArgumentNullException(nameof(flag)), Takes = takes, When = when });

    /// <summary>Redeploy the previous artifact. Clean only while the schema is unchanged.</summary>
    public RollbackBuilder Code(TimeSpan takes, string artifact = "previous release artifact", string? when = null) =>
        Add(new RollbackStep { Kind = RollbackKind.Code, Target = artifact ?? throw new ArgumentNullException(nameof(artifact)), Takes = takes, When = when });

    /// <summary>Revert a schema change with <paramref name="downMigration"/> (or a backfill).</summary>
    public RollbackBuilder Schema(string downMigration, TimeSpan takes, string? when = null, string? runbook = null) =>
        Add(new RollbackStep { Kind = RollbackKind.Schema, Target = downMigration ?? throw new ArgumentNullException(nameof(downMigration)), Takes = takes, When = when, Runbook = runbook });

    /// <summary>A schema change that cannot be reverted without downtime; <paramref name="runbook"/> says what to do instead.</summary>
    public RollbackBuilder SchemaIrreversible(string runbook, string? when = null) =>
        Add(new RollbackStep { Kind = RollbackKind.Schema, Target = "not reversible without downtime", Reversible = false, Runbook = runbook ?? throw new ArgumentNullException(nameof(runbook)), When = when });

    /// <summary>Correct records written with the new logic: the script, who runs it and how long it takes.</summary>
    public RollbackBuilder DataRepair(string script, string? owner = null, TimeSpan? takes = null, string? when = null, string? scope = null) =>
        Add(new RollbackStep { Kind = RollbackKind.DataRepair, Target = script ?? throw new ArgumentNullException(nameof(script)), Owner = owner, Takes = takes, When = when, Scope = scope });

    private RollbackBuilder Add(RollbackStep step)
    {
        _steps.Add(step);
        LastWrite = new PlanWrite(PlanPath.Plan.Rollback.At(_indexBase + _steps.Count - 1));
        return this;
    }
}
