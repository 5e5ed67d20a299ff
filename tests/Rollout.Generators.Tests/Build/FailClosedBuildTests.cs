using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Rollout.Build;
using Rollout.Generators.Tests.Infrastructure;
using Rollout.TestSupport;

namespace Rollout.Generators.Tests.Build;

/// <summary>
/// The sample's specs in a service built with `dotnet build` and the .NET default warning settings (no
/// TreatWarningsAsErrors: the project is cut off from this repository's Directory.Build.props). Inputs
/// that once crashed the analyzer and generator (issue 8) must fail the build with a located error and
/// leave the committed artifacts exactly as they were, also when the analyzers are switched off.
/// </summary>
public sealed class FailClosedBuildTests : IDisposable
{
    private readonly TempFolder _service = new("rollout-failclosed");

    public void Dispose() => _service.Dispose();

    /// <summary>
    /// Issue 8's crash inputs, in rounds of one per sample spec: (file, text in it, replacement, expected error id).
    /// Rows 8 (cancellation), 9 (partial methods) and 11 (nested Create) of the issue are no build inputs that
    /// crashed; they are covered in memory by the fuzzer's regression tests.
    /// </summary>
    private static readonly (string File, string Find, string Replace, string Id)[][] CrashRounds =
    {
        new[]
        {
            // 1: a null receiver; 4: an undefined enum value; 10: unboxing the wrong type.
            ("NewCheckoutFlow.cs", "RolloutPlan.Create(\"new-checkout-flow\")", "((RolloutPlanBuilder)null!)", "ROLL100"),
            ("DarkModeToggle.cs", "Trigger.AnyReason", "(Trigger)(-1)", "ROLL023"),
            ("ContactDeduplication.cs", "TimeSpan.FromHours(4)", "TimeSpan.FromHours((double)(object)\"12\")", "ROLL100"),
        },
        new[]
        {
            // 5: an undefined comparison through the record constructor; 6: an overflowing cast through object; 7: null metric, NaN.
            ("NewCheckoutFlow.cs", "Signal.ErrorRate.Above(0.5)", "new Condition { Metric = Signal.ErrorRate, Comparison = (Comparison)9, Threshold = 1 }", "ROLL100"),
            ("DarkModeToggle.cs", "Signal.ErrorRate.Above(1)", "Signal.ErrorRate.Above((int)(object)1e10)", "ROLL100"),
            ("ContactDeduplication.cs", "Signal.Count(\"merge_errors\").Above(10)", "new Condition { Metric = null!, Comparison = default, Threshold = double.NaN }", "ROLL100"),
        },
        new[]
        {
            // 6: an enum unboxed from a string; 4: a complemented flag; 3: a record constructor instead of the fluent calls.
            ("NewCheckoutFlow.cs", "Surface.PaymentFlow", "(Surface)(object)\"x\"", "ROLL100"),
            ("DarkModeToggle.cs", "Trigger.AnyReason", "~Trigger.AnyReason", "ROLL023"),
            ("ContactDeduplication.cs", "public static class ContactDeduplication\n{", "public static class ContactDeduplication\n{\n    [RolloutSpec]\n    public static RolloutPlan Broken() => new RolloutPlan { Id = null! };\n", "ROLL100"),
        },
        new[]
        {
            // 2: the spec method copy-pasted (it crashed the generator and emptied the catalog). csc reports no
            // analyzer diagnostics for a compilation with errors, so this compiler error gets a round of its own.
            ("DarkModeToggle.cs", "    [RolloutSpec]\n    public static RolloutPlan Plan() =>", "    [RolloutSpec]\n    public static RolloutPlan Plan() => Plan();\n\n    [RolloutSpec]\n    public static RolloutPlan Plan() =>", "CS0111"),
        },
    };

    [Fact]
    public void Crash_inputs_fail_the_default_build_at_their_line_and_never_touch_the_written_artifacts()
    {
        WriteProject();
        var folder = Path.Combine(_service.Path, "rollout");
        var clean = Build();
        Assert.True(clean.Succeeded, clean.Describe());
        Assert.Contains("RolloutDsl: 3 plan(s) -> ", clean.Output);
        var before = Snapshot(folder);
        Assert.Equal(7, before.Count);

        // 1. Default warning settings, each round of crash inputs: the build fails with each error at its spec
        //    file, no host was switched off, and the written artifacts are untouched.
        foreach (var round in CrashRounds)
        {
            CopySpecs();
            Break(round);
            var broken = Build();
            Assert.False(broken.Succeeded, broken.Describe());
            foreach (var (file, _, _, id) in round)
            {
                Assert.True(new Regex(Regex.Escape(file) + @"\(\d+,\d+\): error " + id + ":").IsMatch(broken.Output), file + ": no located " + id + "\n" + broken.Describe());
            }
            Assert.DoesNotContain("AD0001", broken.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("CS8785", broken.Output, StringComparison.Ordinal);
            Assert.Equal(before, Snapshot(folder));
        }
        CopySpecs();
        Break(CrashRounds[0]);

        // 2. Analyzers off: the build succeeds, but the build step cannot vouch for the plans and changes nothing.
        var unchecked_ = Build("-p:RunAnalyzers=false");
        Assert.True(unchecked_.Succeeded, unchecked_.Describe());
        Assert.Matches(new Regex(@"warning ROLLB03: RolloutDsl: wrote and removed nothing in '.*': 2 of 3 \[RolloutSpec\] methods produced no plan"), unchecked_.Output);
        Assert.DoesNotContain("removed)", unchecked_.Output, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(folder));

        // 3. Specs repaired: the folder is in sync again and nothing needed rewriting.
        CopySpecs();
        var repaired = Build();
        Assert.True(repaired.Succeeded, repaired.Describe());
        Assert.Contains("(0 written, 6 unchanged, 0 removed)", repaired.Output);
        Assert.Equal(before, Snapshot(folder));
    }

    private CommandResult Build(params string[] extra) =>
        Command.Run(_service.Path, TimeSpan.FromMinutes(5), null, new[] { "build", "-v:n", "-p:UseSharedCompilation=false" }.Concat(extra).ToArray());

    private void WriteProject()
    {
        SourceBuiltService.WriteProject(_service, "<RolloutArtifactsPath>rollout/</RolloutArtifactsPath>", withAnalyzers: true);
        CopySpecs();
    }

    private void CopySpecs()
    {
        foreach (var (path, source) in Samples.SpecFiles())
        {
            _service.Write("Specs/" + Path.GetFileName(path), source);
        }
    }

    private void Break((string File, string Find, string Replace, string Id)[] round)
    {
        foreach (var (file, find, replace, _) in round)
        {
            var path = Path.Combine(_service.Path, "Specs", file);
            var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.Contains(find, text, StringComparison.Ordinal);
            File.WriteAllText(path, ReplaceFirst(text, find, replace));
        }
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text.Substring(0, at) + replace + text.Substring(at + find.Length);
    }

    /// <summary>Every file of the folder with its bytes and, for the artifacts, the last write time (the manifest is the target's stamp, refreshed by every sync).</summary>
    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder).ToDictionary(
            p => Path.GetFileName(p)!,
            p => Convert.ToBase64String(File.ReadAllBytes(p))
                + (p.EndsWith(ArtifactFolder.ManifestName, StringComparison.Ordinal) ? "" : "@" + File.GetLastWriteTimeUtc(p).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture))), StringComparer.Ordinal);
}
