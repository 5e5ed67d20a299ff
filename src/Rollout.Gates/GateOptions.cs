using System;

namespace Rollout.Gates;

/// <summary>Limits of one evaluation. Every check that is not answered within them has no data, and so holds.</summary>
public sealed record GateOptions
{
    /// <summary>The whole evaluation, every query and retry included. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One HTTP attempt. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a transient failure (connection refused, timeout, 5xx, 429) per query. Default 2.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>The delay before the first retry; doubles each time. Default 250 ms.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The clock; tests pass a fixed one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
