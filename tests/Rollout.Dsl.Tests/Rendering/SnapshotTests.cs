using Rollout.TestSupport;

namespace Rollout.Dsl.Tests.Rendering;

public class SnapshotTests
{
    [Theory]
    [MemberData(nameof(RenderingSamples.AllIds), MemberType = typeof(RenderingSamples))]
    public void Runbook(string id) => Snapshot.Match(RenderingSamples.Plan(id).ToRunbook(), "md", id);

    [Theory]
    [MemberData(nameof(RenderingSamples.AllIds), MemberType = typeof(RenderingSamples))]
    public void Json(string id) => Snapshot.Match(RenderingSamples.Plan(id).ToJson(), "json", id);
}
