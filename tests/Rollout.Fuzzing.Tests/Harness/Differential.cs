using System;
using System.Collections.Generic;
using System.Linq;

namespace Rollout.Fuzzing.Harness;

/// <summary>
/// Build time against run time: the runbook and JSON the generator embedded must be byte for byte what the
/// emitted spec renders when it runs. Only for compile-clean specs that were all read (the reader never runs
/// user code; a spec it refused may do anything when run, recurse forever included).
/// </summary>
public static class Differential
{
    /// <summary>Whether <paramref name="result"/> is a spec set the differential check applies to.</summary>
    public static bool Applies(HarnessResult result)
    {
        return result.CompilerErrors.Length == 0 && result.Marker is { } marker && marker.Plans > 0 && marker.Plans == marker.Specs;
    }

    /// <summary>Every difference between what the build embedded and what run time renders; empty when they agree.</summary>
    public static IReadOnlyList<string> Compare(HarnessResult result)
    {
        if (!Applies(result)) return Array.Empty<string>();
        var content = result.EmbeddedContent();
        var embedded = content.Plans;
        if (content.Run is not { } run || run.PlanCount != run.SpecCount || run.PlanCount != embedded.Count)
        {
            return new[] { "the marker in the assembly (" + content.Run + ") disagrees with the " + embedded.Count + " embedded plan(s)" };
        }
        var runtime = result.RunSpecs();
        var mismatches = new List<string>();
        foreach (var thrown in runtime.Where(r => r.Exception is not null))
        {
            mismatches.Add("spec " + thrown.Method + " throws at run time (" + thrown.Exception + ") but the build read a plan from it");
        }
        var built = embedded.GroupBy(p => p.PlanId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ran = runtime.Where(r => r.PlanId is not null).GroupBy(r => r.PlanId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var id in built.Keys.Union(ran.Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            var atBuild = built.TryGetValue(id, out var b) ? b : new();
            var atRun = ran.TryGetValue(id, out var r) ? r : new();
            if (atBuild.Count != atRun.Count)
            {
                mismatches.Add("plan '" + id + "': " + atBuild.Count + " embedded, " + atRun.Count + " at run time");
                continue;
            }
            var runbooks = atRun.Select(x => x.Runbook!).OrderBy(x => x, StringComparer.Ordinal).ToList();
            var jsons = atRun.Select(x => x.Json!).OrderBy(x => x, StringComparer.Ordinal).ToList();
            if (!atBuild.Select(x => x.RunbookMarkdown).OrderBy(x => x, StringComparer.Ordinal).SequenceEqual(runbooks, StringComparer.Ordinal))
            {
                mismatches.Add("plan '" + id + "': the embedded runbook differs from the run-time runbook");
            }
            if (!atBuild.Select(x => x.PlanJson).OrderBy(x => x, StringComparer.Ordinal).SequenceEqual(jsons, StringComparer.Ordinal))
            {
                mismatches.Add("plan '" + id + "': the embedded JSON differs from the run-time JSON");
            }
        }
        return mismatches;
    }
}
