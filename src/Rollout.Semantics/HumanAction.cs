using System;

namespace Rollout.Semantics;

/// <summary>A person's action at a time, by a role (matched against the plan's roles without regard to case).</summary>
/// <param name="Time">When the action is taken.</param>
/// <param name="Kind">Approve, promote or abort.</param>
/// <param name="Role">The role of the person, e.g. "on-call engineer".</param>
public sealed record HumanAction(DateTimeOffset Time, HumanActionKind Kind, string Role);
