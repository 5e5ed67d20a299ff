using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Rollout.Package.Tests.Infrastructure;

namespace Rollout.Package.Tests;

/// <summary>
/// The package's build step (after compile) in a service built from the packed package: it keeps the artifacts folder
/// equal to the plans, rewrites only what changed, removes only its own files, and fails the build with its own codes
/// (ROLLB01, ROLLB02) when it cannot vouch for the files; and a half-typed spec fails on the compiler's error alone.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class BuildStepTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);

    private readonly PackageFixture _package;
    private readonly ITestOutputHelper _log;

    public BuildStepTests(PackageFixture package, ITestOutputHelper log)
    {
        _package = package;
        _log = log;
    }

    [Fact]
    public void Builds_rewrite_only_what_changed_and_a_removed_spec_takes_only_its_own_files()
    {
        var service = Service("consumer-edits", ("Specs/DarkModeToggle.cs", Specs.DarkMode), ("Specs/NewCheckoutFlow.cs", Specs.NewCheckoutFlow));
        var folder = Path.Combine(service, "bin", "Debug", "net10.0", "rollout");

        var first = Build(service);
        Assert.Contains("RolloutDsl: 2 plan(s) -> " + folder + Path.DirectorySeparatorChar + " (4 written, 0 unchanged, 0 removed)", first.Output, StringComparison.Ordinal);
        var stamps = Stamps(folder);

        Build(service);
        Assert.Equal(stamps, Stamps(folder));

        Consumer.WriteFile(service, "Specs/DarkModeToggle.cs", Specs.DarkMode.Replace("Dark mode toggle on the order page", "Dark mode, renamed", StringComparison.Ordinal));
        Build(service);
        Assert.StartsWith("# Rollout runbook: Dark mode, renamed\n", File.ReadAllText(Path.Combine(folder, "dark-mode-toggle.runbook.md")), StringComparison.Ordinal);
        var edited = Stamps(folder);
        Assert.NotEqual(stamps["dark-mode-toggle.runbook.md"], edited["dark-mode-toggle.runbook.md"]);
        Assert.Equal(stamps["new-checkout-flow.runbook.md"], edited["new-checkout-flow.runbook.md"]);
        Assert.Equal(stamps["new-checkout-flow.plan.json"], edited["new-checkout-flow.plan.json"]);

        File.WriteAllText(Path.Combine(folder, "notes.md"), "the team's, not the build's");
        File.Delete(Path.Combine(service, "Specs", "NewCheckoutFlow.cs"));
        var removed = Build(service);
        Assert.Matches(new Regex(@"RolloutDsl: 1 plan\(s\) -> .* 2 removed\)"), removed.Output);
        Assert.Equal(new[] { ".rollout-artifacts", "dark-mode-toggle.plan.json", "dark-mode-toggle.runbook.md", "notes.md" }, FilesIn(folder));
    }

    [Fact]
    public void Two_plans_with_one_id_fail_the_build_step_with_ROLLB01_when_ROLL102_is_switched_off()
    {
        var twin = Specs.DarkMode.Replace("public static class DarkModeToggle", "public static class DarkModeToggleTwin", StringComparison.Ordinal);
        Assert.NotEqual(Specs.DarkMode, twin);
        var service = Service("consumer-rollb01", ("Specs/DarkModeToggle.cs", Specs.DarkMode), ("Specs/DarkModeToggleTwin.cs", twin));
        File.WriteAllText(Path.Combine(service, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.ROLL102.severity = none\n");

        var build = _package.DotNet(_log, service, BuildTimeout, "build");

        Assert.False(build.Succeeded, "two plans with one id built:\n" + build.Describe());
        Assert.Matches(new Regex(@"error ROLLB01: RolloutDsl: plan id 'dark-mode-toggle' is defined 2 times in this assembly; give each plan its own id"), build.Output);
        Assert.DoesNotContain("ROLL102", build.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(service, "bin", "Debug", "net10.0", "rollout")), "ROLLB01 must leave nothing written");
    }

    [Fact]
    public void An_artifacts_folder_that_cannot_be_created_fails_the_build_step_with_ROLLB02()
    {
        var service = Service("consumer-rollb02", ("Specs/DarkModeToggle.cs", Specs.DarkMode));
        File.WriteAllText(Path.Combine(service, "blocked"), "a file where the artifacts folder's parent should be");

        var build = _package.DotNet(_log, service, BuildTimeout, "build", "-p:RolloutArtifactsPath=blocked/plans/");

        Assert.False(build.Succeeded, "a build whose artifacts cannot be written succeeded:\n" + build.Describe());
        Assert.Matches(new Regex(@"error ROLLB02: RolloutDsl: "), build.Output);
        Assert.Contains("blocked", Regex.Match(build.Output, "error ROLLB02: [^\n]*").Value, StringComparison.Ordinal);
        Assert.Equal("a file where the artifacts folder's parent should be", File.ReadAllText(Path.Combine(service, "blocked")));
    }

    [Fact]
    public void A_half_typed_spec_fails_with_the_compilers_error_only()
    {
        // While typing, the analyzers and the generator skip a spec that does not parse: safe only because the syntax error
        // itself fails the build (the analyzer tests' HalfTypedSpecTests show the same in memory).
        var halfTyped = Specs.DarkMode[..Specs.DarkMode.IndexOf(".Stage(", StringComparison.Ordinal)] + ".Stage(\"staff\", s => s.Traffic(5, \"st";
        var service = Service("consumer-half-typed", ("Specs/DarkModeToggle.cs", halfTyped));

        var build = _package.DotNet(_log, service, BuildTimeout, "build");

        Assert.False(build.Succeeded, "a half-typed spec built:\n" + build.Describe());
        Assert.Matches(new Regex(@"DarkModeToggle\.cs\(\d+,\d+\): error CS1010: Newline in constant"), build.Output);
        Assert.DoesNotContain("ROLL", build.Output, StringComparison.Ordinal);
    }

    private string Service(string name, params (string Path, string Content)[] files)
    {
        var root = _package.NewFolder(name);
        Consumer.WriteRepositoryFiles(root, _package);
        var service = Consumer.WriteProject(root, "Service", _package, exe: false);
        Consumer.WriteFile(service, "Specs/CheckoutQueries.cs", Specs.Queries);
        foreach (var (path, content) in files) Consumer.WriteFile(service, path, content);
        return service;
    }

    private CommandResult Build(string service)
    {
        var build = _package.DotNet(_log, service, BuildTimeout, "build");
        Assert.True(build.Succeeded, build.Describe());
        return build;
    }

    private static Dictionary<string, DateTime> Stamps(string folder) =>
        Directory.GetFiles(folder).Where(p => !p.EndsWith(".rollout-artifacts", StringComparison.Ordinal))
            .ToDictionary(p => Path.GetFileName(p), File.GetLastWriteTimeUtc);

    private static string[] FilesIn(string folder) =>
        Directory.GetFiles(folder).Select(p => Path.GetFileName(p)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
}
