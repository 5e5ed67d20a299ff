using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Build;
using Rollout.TestSupport;

namespace Rollout.Generators.Tests.Build;

/// <summary>
/// `dotnet build` of a service project outside the repo, wired like the package wires a consumer:
/// the generator as an analyzer, the DSL as a reference, the build targets imported.
/// </summary>
public class RealBuildTests : IDisposable
{
    private readonly TempFolder _service = new("rollout-service");

    public void Dispose() => _service.Dispose();

    [Fact]
    public void Build_writes_updates_and_removes_artifacts_and_a_no_change_build_rewrites_nothing()
    {
        WriteProject();
        _service.Write("Specs/Alpha.cs", Spec("alpha", "Alpha"));
        _service.Write("Specs/Beta.cs", Spec("beta", "Beta"));
        var folder = Path.Combine(_service.Path, "bin", "Debug", "net10.0", "rollout");

        var first = Build();
        Assert.Contains("RolloutDsl: 2 plan(s) -> ", first.Output);
        Assert.Equal(new[] { ".rollout-artifacts", "alpha.plan.json", "alpha.runbook.md", "beta.plan.json", "beta.runbook.md" }, Files(folder));
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "alpha.plan.json"))))
        {
            Assert.Equal("alpha", json.RootElement.GetProperty("id").GetString());
            Assert.Equal("Alpha title", json.RootElement.GetProperty("title").GetString());
        }
        var stamps = Stamps(folder);

        Build();
        Assert.Equal(stamps, Stamps(folder));

        _service.Write("Specs/Alpha.cs", Spec("alpha", "Alpha").Replace("Alpha title", "Alpha renamed"));
        Build();
        Assert.Contains("# Rollout runbook: Alpha renamed", File.ReadAllText(Path.Combine(folder, "alpha.runbook.md")));
        Assert.NotEqual(stamps["alpha.runbook.md"], File.GetLastWriteTimeUtc(Path.Combine(folder, "alpha.runbook.md")));
        Assert.Equal(stamps["beta.runbook.md"], File.GetLastWriteTimeUtc(Path.Combine(folder, "beta.runbook.md")));

        File.WriteAllText(Path.Combine(folder, "notes.md"), "not the build's");
        File.Delete(Path.Combine(_service.Path, "Specs", "Beta.cs"));
        Build();
        Assert.Equal(new[] { ".rollout-artifacts", "alpha.plan.json", "alpha.runbook.md", "notes.md" }, Files(folder));
    }

    [Fact]
    public void Artifacts_path_is_configurable_and_writing_can_be_turned_off()
    {
        WriteProject();
        _service.Write("Specs/Alpha.cs", Spec("alpha", "Alpha"));

        Build("-p:RolloutArtifactsPath=plans/");
        Assert.Equal(new[] { ".rollout-artifacts", "alpha.plan.json", "alpha.runbook.md" }, Files(Path.Combine(_service.Path, "plans")));
        Assert.False(Directory.Exists(Path.Combine(_service.Path, "bin", "Debug", "net10.0", "rollout")));

        Build("-p:RolloutArtifactsEnabled=false", "-p:RolloutArtifactsPath=off/");
        Assert.False(Directory.Exists(Path.Combine(_service.Path, "off")));
    }

    private CommandResult Build(params string[] extra)
    {
        var result = Command.Run(_service.Path, TimeSpan.FromMinutes(4), null, new[] { "build", "-v:n" }.Concat(extra).ToArray());
        Assert.True(result.Succeeded, result.Describe());
        return result;
    }

    private void WriteProject() => SourceBuiltService.WriteProject(_service);

    private static string Spec(string id, string name) => $$"""
        using System;
        using Rollout.Dsl;

        namespace Service.Specs;

        public static class {{name}}
        {
            [RolloutSpec]
            public static RolloutPlan Plan() => RolloutPlan.Create("{{id}}")
                .Title("{{name}} title")
                .Owner("team")
                .Touches(Surface.Config)
                .Stage("canary", s => s.Traffic(5).Observe(TimeSpan.FromMinutes(10)).AdvanceWhen(Signal.ErrorRate.Below(1)))
                .Stage("full", s => s.Traffic(100))
                .StopLoss(Signal.ErrorRate.Above(2), StopLossAction.Rollback)
                .Rollback(r => r.Config("FLAG", TimeSpan.FromSeconds(5)))
                .Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).Announce("#ops", TimeSpan.FromMinutes(5)));
        }
        """;

    private static string[] Files(string folder) =>
        Directory.GetFiles(folder).Select(p => Path.GetFileName(p)!).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    private static System.Collections.Generic.Dictionary<string, DateTime> Stamps(string folder) =>
        Directory.GetFiles(folder).Where(p => !p.EndsWith(ArtifactFolder.ManifestName, StringComparison.Ordinal))
            .ToDictionary(p => Path.GetFileName(p)!, File.GetLastWriteTimeUtc);
}
