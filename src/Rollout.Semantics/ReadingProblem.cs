namespace Rollout.Semantics;

/// <summary>Why a reading has no usable value. Every one of them holds: none advances, none counts as healthy.</summary>
public enum ReadingProblem
{
    /// <summary>Nothing to read: no series, no sample in the window, NaN (e.g. 0/0 without traffic), or no measurement in the plan.</summary>
    NoData,

    /// <summary>The newest value is too old to speak for the window.</summary>
    Stale,

    /// <summary>Several series where the measurement must return one value (an unaggregated query).</summary>
    SeveralSeries,

    /// <summary>The source failed to answer: rejected query, unreachable server, timeout.</summary>
    Error,
}
