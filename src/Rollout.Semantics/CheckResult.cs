using System;
using Rollout.Dsl;

namespace Rollout.Semantics;

/// <summary>One stop-loss or advance gate as evaluated: the query, the value seen and the verdict.</summary>
/// <param name="Kind">Stop-loss or advance gate.</param>
/// <param name="Condition">The condition compared.</param>
/// <param name="Query">The plan's query for the window; null when the plan has no measurement.</param>
/// <param name="Window">The window measured over.</param>
/// <param name="Observed">The value read; null when there was none.</param>
/// <param name="Verdict">The outcome.</param>
/// <param name="Problem">Why there is no value; null when there is one.</param>
/// <param name="Reason">For <see cref="Verdict.NoData"/>, what happened in words; null otherwise.</param>
/// <param name="Action">The stop-loss's action; null for a gate.</param>
public sealed record CheckResult(
    CheckKind Kind,
    Condition Condition,
    string? Query,
    TimeSpan Window,
    double? Observed,
    Verdict Verdict,
    ReadingProblem? Problem,
    string? Reason,
    StopLossAction? Action)
{
    /// <summary>How many times the source asked (more than 1: transient failures were retried).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>What the last attempt got, in words (e.g. "HTTP 200"); null when the source does not say.</summary>
    public string? LastAttempt { get; init; }

    /// <summary>The result of <paramref name="request"/> given what the source read.</summary>
    public static CheckResult Of(CheckRequest request, Reading reading)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (reading is null) throw new ArgumentNullException(nameof(reading));
        if (reading.Value is not { } value)
        {
            return new CheckResult(request.Kind, request.Condition, request.Query, request.Measure.Window, null, Verdict.NoData, reading.Problem, reading.Detail, request.Action)
            {
                Attempts = reading.Attempts,
                LastAttempt = reading.LastAttempt,
            };
        }
        var holds = request.Condition.HoldsFor(value);
        var verdict = request.Kind == CheckKind.StopLoss ? (holds ? Verdict.Crossed : Verdict.Clear) : (holds ? Verdict.Pass : Verdict.Fail);
        return new CheckResult(request.Kind, request.Condition, request.Query, request.Measure.Window, value, verdict, null, null, request.Action)
        {
            Attempts = reading.Attempts,
            LastAttempt = reading.LastAttempt,
        };
    }
}
