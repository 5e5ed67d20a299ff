using System;
using Rollout.Dsl;
using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>What one release's executor works with. Everything with a side outside the files is injected.</summary>
public sealed record RunSetup
{
    public required RolloutPlan Plan { get; init; }

    /// <summary>The plan file (recorded in the state for <c>rollout approve</c>).</summary>
    public required string PlanFile { get; init; }

    public required FlagFile FlagFile { get; init; }

    public required string StatePath { get; init; }

    public required string AuditPath { get; init; }

    /// <summary>Posts the rollback's announcement; null: no webhook, the announcement is left to a person (and said so).</summary>
    public Announcer? Announcer { get; init; }

    public required IMeasurementSource Source { get; init; }

    public required IRunClock Clock { get; init; }

    /// <summary>Called at each named step of an evaluation (after-decision, after-flag-write, after-announce); the CLI kills itself there when told to, so tests can prove a resume.</summary>
    public Action<string> Fault { get; init; } = _ => { };
}
