using System;
using Rollout.Semantics;

namespace Rollout.Gates.Backtest;

/// <summary>
/// One firing of a stop-loss: a run of consecutive evaluations at which it was crossed. A rollout live at
/// <see cref="Start"/> would have taken <see cref="Decision"/> there.
/// </summary>
/// <param name="Start">The first evaluation at which it was crossed.</param>
/// <param name="End">The last consecutive one.</param>
/// <param name="Value">The value read at <see cref="Start"/>.</param>
/// <param name="Peak">The most extreme value read during the firing (the highest for an "above" stop-loss, the lowest for a "below").</param>
/// <param name="Decision">The replayed stage's decision at <see cref="Start"/> (roll back, or halt for a halt stop-loss or past the point of no return).</param>
/// <param name="Incident">The index of the incident it belongs to (its start lies in the incident's span), or null: a false alarm.</param>
public sealed record Firing(DateTimeOffset Start, DateTimeOffset End, double Value, double Peak, Decision Decision, int? Incident);
