using System.Collections.Generic;

namespace Rollout.Dsl;

/// <summary>
/// What a builder's last call wrote: the part, and the parts its first argument or its params elements wrote.
/// The build reads it after each call to place a finding on the call that wrote the value; the builders,
/// not the reader, know which part each of their methods writes.
/// </summary>
internal sealed class PlanWrite
{
    private static readonly IReadOnlyList<PlanPath> None = new PlanPath[0];

    public PlanWrite(PlanPath part, PlanPath? firstArgument = null, IReadOnlyList<PlanPath>? elements = null)
    {
        Part = part;
        FirstArgument = firstArgument;
        Elements = elements ?? None;
    }

    public PlanPath Part { get; }

    /// <summary>The part the call's first argument wrote: the condition of a stop-loss, the id of a plan.</summary>
    public PlanPath? FirstArgument { get; }

    /// <summary>The parts the elements of the call's params argument wrote, in argument order: each gate of AdvanceWhen(a, b).</summary>
    public IReadOnlyList<PlanPath> Elements { get; }
}

/// <summary>A builder of (part of) a plan: every builder reports what its last call wrote.</summary>
internal interface IPlanBuilder
{
    PlanWrite? LastWrite { get; }
}
