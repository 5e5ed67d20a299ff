using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>What one evaluation decided and did.</summary>
/// <param name="EvaluatedAt">The moment evaluated.</param>
/// <param name="Events">The decisions of this evaluation, in order (the same events the interpreter's trace holds).</param>
/// <param name="Lines">What happened, one line each, for the console: resumed actions, decisions, the flag file, the announcement.</param>
/// <param name="Position">Where the release is now.</param>
/// <param name="Stage">The stage with traffic ("" before the first).</param>
/// <param name="Settled">Nothing more can happen without a person: rolled back, completed, or halted where no rollback can follow.</param>
/// <param name="Evaluation">The stage decision the tick took, with its checks; null when nothing was measured.</param>
public sealed record EvaluationOutcome(DateTimeOffset EvaluatedAt, IReadOnlyList<TraceEvent> Events, IReadOnlyList<string> Lines, ReleasePosition Position, string Stage, bool Settled, StageEvaluation? Evaluation)
{
    /// <summary>A stage started in this evaluation.</summary>
    public bool Advanced => Events.Any(e => e.Kind == TraceEventKind.StageStarted);

    /// <summary>The gate's exit codes: 0 a stage started or the release is complete, 10 hold, 20 rolled back, 30 halted.</summary>
    public int ExitCode
    {
        get
        {
            var state = ReleaseRun.StateOf(Position.Mode); // still holding (observing or waiting): 0 when a stage started
            return (int)(state == Decision.Hold && Advanced ? Decision.Advance : state);
        }
    }
}
