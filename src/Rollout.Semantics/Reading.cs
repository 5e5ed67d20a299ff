using System;

namespace Rollout.Semantics;

/// <summary>
/// What a measurement source answered: exactly one finite value, or a <see cref="ReadingProblem"/> with a
/// detail a person can act on. Build with <see cref="Of"/> or <see cref="Failed"/>.
/// </summary>
public sealed record Reading
{
    private Reading(double? value, ReadingProblem? problem, string? detail)
    {
        Value = value;
        Problem = problem;
        Detail = detail;
    }

    /// <summary>The value in the metric's unit; null when there is a <see cref="Problem"/>.</summary>
    public double? Value { get; }

    /// <summary>Why there is no value; null when there is one.</summary>
    public ReadingProblem? Problem { get; }

    /// <summary>For a problem, what happened and where, in words (e.g. "3 series where one was expected ..."); null for a value.</summary>
    public string? Detail { get; }

    /// <summary>How many times the source asked before this answer (1 without a retry); a source that does not retry leaves it 1.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>What the last attempt got, in words (e.g. "HTTP 200", "HTTP 503 Service Unavailable", "connection refused"); null when the source does not say.</summary>
    public string? LastAttempt { get; init; }

    /// <summary>A usable value. NaN or an infinity is not one: it becomes <see cref="ReadingProblem.NoData"/>.</summary>
    public static Reading Of(double value) =>
        double.IsNaN(value) || double.IsInfinity(value)
            ? Failed(ReadingProblem.NoData, "the value is " + value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", not a finite number")
            : new Reading(value, null, null);

    /// <summary>No usable value, for <paramref name="problem"/>, with <paramref name="detail"/> saying what happened.</summary>
    public static Reading Failed(ReadingProblem problem, string detail) =>
        new(null, problem, string.IsNullOrWhiteSpace(detail) ? throw new ArgumentException("Say what went wrong.", nameof(detail)) : detail);
}
