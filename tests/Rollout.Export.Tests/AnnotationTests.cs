using System.Linq;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests;

/// <summary>What no engine can do is on the engine's main object, word for word, and in the warnings.</summary>
public class AnnotationTests
{
    [Theory]
    [InlineData("argo", "Rollout")]
    [InlineData("flagger", "Canary")]
    public void Rollback_data_repair_authority_announcement_and_point_of_no_return_are_kept(string engine, string kind)
    {
        var result = ExportSamples.Export(engine, "contact-dedup-job");
        var annotations = new Manifests(result.ToYaml()).Single(kind)["metadata"]!["annotations"]!;
        string Annotation(string key) => (string?)annotations["rolloutdsl/" + key] ?? "";

        Assert.Equal(
            "1. config DEDUP_JOB_ENABLED; takes 10 s\n"
            + "2. dataRepair restore-originals.py --since=<deploy_time>; takes 4 h; when duplicates were written; owner data-eng on-call; scope merged contacts are re-split from backup\n"
            + "3. schema not reversible without downtime; duration not given; irreversible; when the schema migration was applied; runbook docs/runbooks/contacts-migration.md",
            Annotation("rollback"));
        Assert.Contains("owner data-eng on-call; ETA 4 h", Annotation("data-repair"));
        Assert.Contains("may trigger rollback: release engineer (stopLossCrossed)", Annotation("authority"));
        Assert.Contains("informed, never asked: product, management", Annotation("authority"));
        Assert.StartsWith("#incidents within 5 min", Annotation("announce"));
        Assert.Equal("once stage half has started: repair forward, never roll back automatically", Annotation("point-of-no-return"));
        Assert.StartsWith("finish the merge", Annotation("forward-fix"));

        var subjects = result.Warnings.Select(w => w.Subject).ToHashSet();
        foreach (var subject in new[] { "rollback", "data repair", "authority", "announcement", "point of no return" }) Assert.Contains(subject, subjects);
    }
}
