using System;

namespace Rollout.Semantics;

/// <summary>One entry of a <see cref="DecisionTrace"/>.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Stage">The stage the rollout was at (the stage with traffic); "" before the first stage starts.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Reason">Why, in one sentence a person can act on.</param>
public sealed record TraceEvent(DateTimeOffset Time, string Stage, TraceEventKind Kind, string Reason);
