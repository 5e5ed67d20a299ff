using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rollout.Package.Tests.Infrastructure;

namespace Rollout.Package.Tests;

/// <summary>
/// A service repository outside this one, with its own nuget.config and one PackageReference to Rollout.Dsl,
/// built, run and broken through the real dotnet CLI.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerBuildTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);

    private readonly PackageFixture _package;
    private readonly ITestOutputHelper _log;

    public ConsumerBuildTests(PackageFixture package, ITestOutputHelper log)
    {
        _package = package;
        _log = log;
    }

    /// <summary>
    /// One build of a library that references the service: the service (through its PackageReference) writes its plans to
    /// $(OutDir)rollout/; the library gets the package transitively, builds, and writes nothing (it has no specs, and the
    /// service's plans are not written twice). Then the service runs and reads its plans through the generated catalog.
    /// </summary>
    [Fact]
    public void Service_writes_its_plans_a_library_referencing_it_does_not_and_the_catalog_works_at_run_time()
    {
        var root = _package.NewFolder("consumer");
        Consumer.WriteRepositoryFiles(root, _package);
        var service = Consumer.WriteProject(root, "Service", _package, exe: true);
        Consumer.WriteFile(service, "Specs/NewCheckoutFlow.cs", Specs.NewCheckoutFlow);
        Consumer.WriteFile(service, "Specs/CheckoutQueries.cs", Specs.Queries);
        Consumer.WriteFile(service, "Specs/DarkModeToggle.cs", Specs.DarkMode);
        Consumer.WriteFile(service, "Program.cs", Specs.Program);
        var library = Consumer.WriteLibraryReferencing(root, "Reports", "Service", """
            using Rollout.Dsl;

            namespace Reports;

            public static class Plans
            {
                public static string CheckoutPlanId => CheckoutService.Specs.NewCheckoutFlow.Plan().Id;

                public static RolloutPlan DarkMode() => CheckoutService.Specs.DarkModeToggle.Plan();
            }

            """);

        var build = _package.DotNet(_log, root, BuildTimeout, "build", Path.Combine(library, "Reports.csproj"));
        Assert.True(build.Succeeded, build.Describe());
        Assert.DoesNotContain("warning", build.Output.Replace("0 Warning(s)", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

        var serviceOut = Path.Combine(service, "bin", "Debug", "net10.0");
        var serviceArtifacts = Path.Combine(serviceOut, "rollout");
        Assert.Equal(
            new[] { ".rollout-artifacts", "dark-mode-toggle.plan.json", "dark-mode-toggle.runbook.md", "new-checkout-flow.plan.json", "new-checkout-flow.runbook.md" },
            FilesIn(serviceArtifacts));
        Assert.Contains("RolloutDsl: 2 plan(s) -> " + serviceArtifacts + Path.DirectorySeparatorChar, build.Output, StringComparison.Ordinal);

        // Exactly one artifact folder in the whole consumer repository, and only the service's plans anywhere.
        var allPlanFiles = Directory.GetFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(root, "packages"), StringComparison.Ordinal))
            .Where(f => f.EndsWith(".plan.json", StringComparison.Ordinal) || f.EndsWith(".runbook.md", StringComparison.Ordinal) || f.EndsWith(".rollout-artifacts", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            new[]
            {
                "Service/bin/Debug/net10.0/rollout/.rollout-artifacts",
                "Service/bin/Debug/net10.0/rollout/dark-mode-toggle.plan.json",
                "Service/bin/Debug/net10.0/rollout/dark-mode-toggle.runbook.md",
                "Service/bin/Debug/net10.0/rollout/new-checkout-flow.plan.json",
                "Service/bin/Debug/net10.0/rollout/new-checkout-flow.runbook.md",
            },
            allPlanFiles);
        var libraryOut = Path.Combine(library, "bin", "Debug", "net10.0");
        Assert.True(File.Exists(Path.Combine(libraryOut, "Reports.dll")), "the library was not built");
        // The package reached the library transitively, build logic included (so its targets ran there and wrote nothing).
        var libraryObj = Path.Combine(library, "obj");
        using (var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(libraryObj, "project.assets.json"))))
        {
            var packages = assets.RootElement.GetProperty("targets").GetProperty("net10.0").EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Contains(PackageFixture.PackageId + "/" + _package.Version, packages);
        }
        Assert.Contains("buildTransitive/Rollout.Dsl.targets", File.ReadAllText(Path.Combine(libraryObj, "Reports.csproj.nuget.g.targets")).Replace('\\', '/'), StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(Path.Combine(libraryOut, "rollout")), "the library has no specs but got a rollout folder");
        Assert.Single(Regex.Matches(build.Output, "RolloutDsl: "));

        var planJson = File.ReadAllText(Path.Combine(serviceArtifacts, "new-checkout-flow.plan.json"));
        using (var plan = JsonDocument.Parse(planJson))
        {
            Assert.Equal("new-checkout-flow", plan.RootElement.GetProperty("id").GetString());
            Assert.Equal(3, plan.RootElement.GetProperty("stages").GetArrayLength());
        }
        var runbook = File.ReadAllText(Path.Combine(serviceArtifacts, "new-checkout-flow.runbook.md"));
        Assert.Contains("New checkout flow", runbook, StringComparison.Ordinal);
        // Built from the package, the samples give exactly the artifacts the repository's own build committed.
        foreach (var file in new[] { "new-checkout-flow.plan.json", "new-checkout-flow.runbook.md", "dark-mode-toggle.plan.json", "dark-mode-toggle.runbook.md" })
        {
            Assert.Equal(Specs.SampleArtifact(file), File.ReadAllText(Path.Combine(serviceArtifacts, file)));
        }

        // The service's own code reads the plans at run time through the generated catalog: the same bytes as the files.
        var run = _package.DotNet(_log, root, TimeSpan.FromMinutes(2), "run", "--project", Path.Combine(service, "Service.csproj"), "--no-build");
        Assert.True(run.Succeeded, run.Describe());
        var output = run.Output;
        Assert.Contains("plans: 2\nplan: dark-mode-toggle\nplan: new-checkout-flow\n", output, StringComparison.Ordinal);
        Assert.Contains("runbook: " + runbook.Split('\n')[0] + "\n", output, StringComparison.Ordinal);
        Assert.Contains("--- json ---\n" + planJson + "--- end ---\n", output, StringComparison.Ordinal);
        Assert.Contains("missing: True", output, StringComparison.Ordinal);
    }

    /// <summary>RolloutArtifactsPath moves the files (relative to the project); RolloutArtifactsEnabled=false writes none.</summary>
    [Fact]
    public void Artifacts_path_and_enabled_properties_are_honoured()
    {
        var root = _package.NewFolder("consumer-properties");
        Consumer.WriteRepositoryFiles(root, _package);
        var service = Consumer.WriteProject(root, "Payments", _package, exe: false);
        Consumer.WriteFile(service, "Specs/DarkModeToggle.cs", Specs.DarkMode);
        Consumer.WriteFile(service, "Specs/CheckoutQueries.cs", Specs.Queries);
        var defaultFolder = Path.Combine(service, "bin", "Debug", "net10.0", "rollout");

        var custom = _package.DotNet(_log, service, BuildTimeout, "build", "-p:RolloutArtifactsPath=release-plans/");
        Assert.True(custom.Succeeded, custom.Describe());
        Assert.Equal(new[] { ".rollout-artifacts", "dark-mode-toggle.plan.json", "dark-mode-toggle.runbook.md" }, FilesIn(Path.Combine(service, "release-plans")));
        Assert.False(Directory.Exists(defaultFolder), "with RolloutArtifactsPath set, nothing goes to the default folder");

        var off = _package.DotNet(_log, service, BuildTimeout, "build", "-p:RolloutArtifactsEnabled=false", "-p:RolloutArtifactsPath=disabled-plans/");
        Assert.True(off.Succeeded, off.Describe());
        Assert.False(Directory.Exists(Path.Combine(service, "disabled-plans")), "RolloutArtifactsEnabled=false still wrote artifacts");
        Assert.False(Directory.Exists(defaultFolder), "RolloutArtifactsEnabled=false still wrote artifacts to the default folder");
        Assert.DoesNotContain("RolloutDsl: ", off.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A spec without a stop-loss fails the build with error ROLL001 on its RolloutPlan.Create(...) call, and the SARIF log
    /// carries it with the rule's help link; .editorconfig turns it into a warning and the build then succeeds.
    /// </summary>
    [Fact]
    public void Missing_stop_loss_fails_with_ROLL001_and_editorconfig_severity_and_sarif_apply()
    {
        var root = _package.NewFolder("consumer-broken");
        Consumer.WriteRepositoryFiles(root, _package);
        var service = Consumer.WriteProject(root, "Search", _package, exe: false);
        Consumer.WriteFile(service, "Specs/NewCheckoutFlow.cs", Specs.NoStopLoss);
        Consumer.WriteFile(service, "Specs/CheckoutQueries.cs", Specs.Queries);
        var specPath = Path.Combine(service, "Specs", "NewCheckoutFlow.cs");
        var (line, start, end) = Specs.CreateCallOf(Specs.NoStopLoss);
        var location = $"{specPath}({line + 1},{start + 1})";

        var failed = _package.DotNet(_log, service, BuildTimeout, "build", "-p:ErrorLog=build.sarif%2Cversion=2.1");
        Assert.False(failed.Succeeded, "a plan without a stop-loss built:\n" + failed.Describe());
        Assert.Contains(location + ": error ROLL001: ", failed.Output, StringComparison.Ordinal);
        var rollDiagnostics = Regex.Matches(failed.Output, @"(error|warning) (ROLL\d+):").Select(m => m.Groups[2].Value).Distinct().ToArray();
        Assert.Equal(new[] { "ROLL001" }, rollDiagnostics);
        Assert.False(Directory.Exists(Path.Combine(service, "bin", "Debug", "net10.0", "rollout")), "a failed build wrote artifacts");

        var sarifPath = Path.Combine(service, "build.sarif");
        Assert.True(File.Exists(sarifPath), "-p:ErrorLog wrote no SARIF file");
        using (var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath)))
        {
            var run = sarif.RootElement.GetProperty("runs")[0];
            Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
            var result = Assert.Single(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "ROLL001");
            Assert.Equal("error", result.GetProperty("level").GetString());
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal(new Uri(specPath).AbsoluteUri, physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
            var region = physical.GetProperty("region");
            Assert.Equal(
                (line + 1, start + 1, line + 1, end + 1),
                (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(),
                 region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
            var rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "ROLL001");
            var helpUri = rule.GetProperty("helpUri").GetString();
            Assert.True(
                helpUri is not null && helpUri.StartsWith(_package.RepositoryUrl + "/", StringComparison.Ordinal) && helpUri.EndsWith("/docs/rules/ROLL001.md", StringComparison.Ordinal),
                $"ROLL001's helpUri '{helpUri}' is not the rule page in the repository {_package.RepositoryUrl}");
            Assert.True(File.Exists(Path.Combine(_package.RepoRoot, "docs", "rules", "ROLL001.md")), "the help link points at a page the repository does not have");
        }

        File.WriteAllText(Path.Combine(root, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.ROLL001.severity = warning\n");
        var warned = _package.DotNet(_log, service, BuildTimeout, "build");
        Assert.True(warned.Succeeded, "with ROLL001 as a warning the build should pass:\n" + warned.Describe());
        Assert.Contains(location + ": warning ROLL001: ", warned.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error ROLL", warned.Output, StringComparison.Ordinal);
    }

    private static string[] FilesIn(string folder)
    {
        Assert.True(Directory.Exists(folder), folder + " does not exist");
        return Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
    }
}
