using Rollout.Export.Tests.Infrastructure;
using Rollout.TestSupport;

namespace Rollout.Export.Tests;

/// <summary>The committed exports of the sample plans (README links them): what `rollout export` writes, byte for byte.</summary>
public class SnapshotTests
{
    [Theory]
    [MemberData(nameof(ExportSamples.SampleIds), MemberType = typeof(ExportSamples))]
    public void Argo(string planId) => Snapshot.Match(ExportSamples.Argo(planId).ToYaml(), "yaml", planId);

    [Theory]
    [MemberData(nameof(ExportSamples.SampleIds), MemberType = typeof(ExportSamples))]
    public void Flagger(string planId) => Snapshot.Match(ExportSamples.Flagger(planId).ToYaml(), "yaml", planId);
}
