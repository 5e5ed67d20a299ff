using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Cli.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Commands;

/// <summary><c>rollout export argo|flagger</c> through the tool's entry point, from the committed sample plan files.</summary>
public sealed class ExportCommandTests
{
    private static readonly string[] Where =
    {
        "--workload", "Deployment/checkout", "--service", "checkout:8080", "--namespace", "shop",
        "--prometheus-address", "http://prometheus.monitoring:9090", "--replicas", "10",
    };

    public static TheoryData<string, string, string> Engines() => new()
    {
        { "argo", "argo-rollouts", "Argo" },
        { "flagger", "flagger", "Flagger" },
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_file_written_from_the_plan_json_is_the_committed_export_of_the_spec(string command, string engine, string snapshot)
    {
        foreach (var id in new[] { "new-checkout-flow", "contact-dedup-job", "dark-mode-toggle" })
        {
            using var folder = new TempFolder("export");
            var result = Tool.Run(new[] { "export", command, Tool.SamplePlan(id), "-o", folder.Path }.Concat(Where).ToArray());
            Assert.True(result.ExitCode == 0, result.ToString());
            var written = Path.Combine(folder.Path, id + "." + engine + ".yaml");
            var committed = RepoPaths.Combine("tests", "Rollout.Export.Tests", "SnapshotTests." + snapshot + "_" + id + ".verified.yaml");
            Assert.Equal(File.ReadAllText(committed), File.ReadAllText(written));
            Assert.Contains("wrote " + written, result.Output);
            Assert.Contains("warning: ", result.Output);
            Assert.Equal(new[] { written }, Directory.GetFiles(folder.Path));
        }
    }

    [Fact]
    public void Strict_refuses_an_approximation_with_exit_1_and_writes_nothing()
    {
        using var folder = new TempFolder("export");
        var result = Tool.Run(new[] { "export", "flagger", Tool.SamplePlan("new-checkout-flow"), "-o", folder.Path, "--strict" }.Concat(Where).ToArray());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("warning: approximation interval: ", result.Output);
        Assert.Contains("--strict: flagger only approximates plan 'new-checkout-flow'", result.Output);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Json_lists_objects_and_warnings_with_their_kind()
    {
        using var folder = new TempFolder("export");
        var result = Tool.Run(new[] { "export", "argo", Tool.SamplePlan("contact-dedup-job"), "-o", folder.Path, "--format", "json" }.Concat(Where).ToArray());
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("argo-rollouts", root.GetProperty("engine").GetString());
        Assert.False(root.GetProperty("refused").GetBoolean());
        Assert.Equal(new[] { "AnalysisTemplate", "AnalysisTemplate", "AnalysisTemplate", "Rollout" },
            root.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("kind").GetString()));
        var kinds = root.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("kind").GetString()).ToHashSet();
        Assert.Equal(new[] { "approximation", "guarantee", "not-expressed" }, kinds.OrderBy(k => k));
        Assert.Contains(root.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("subject").GetString() == "data repair");
    }

    [Theory]
    [InlineData("--workload", "checkout", "rollout: --workload 'checkout' is not kind/name, e.g. Deployment/checkout.")]
    [InlineData("--service", "checkout:http", "rollout: --service 'checkout:http' has no valid port; write name:port with a port from 1 to 65535, e.g. checkout:8080.")]
    [InlineData("--namespace", "Shop", "rollout: --namespace 'Shop' is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63 characters).")]
    [InlineData("--prometheus-address", "prometheus:9090", "rollout: --prometheus 'prometheus:9090' is not an http(s) URL, e.g. http://prometheus.monitoring:9090.")]
    [InlineData("--prometheus", "http://reader:s3cret@prometheus:9090", "rollout: --prometheus: the address holds a user name or password, which would be written into the manifests; keep them in a Secret (Flagger: --prometheus-secret) and give the address without them.")]
    [InlineData("--traffic-router", "consul", "rollout: --traffic-router 'consul' is not a known router; write none, smi, nginx:<ingress>, istio:<virtual-service> or gateway-api:<http-route>.")]
    [InlineData("--scale-down", "always", "rollout: --scale-down 'always' is not a policy; write progressively (default), onsuccess or never.")]
    public void A_bad_option_is_one_line_and_exit_2_with_nothing_written(string option, string value, string line)
    {
        using var folder = new TempFolder("export");
        var args = new[] { "export", "argo", Tool.SamplePlan("new-checkout-flow"), "-o", folder.Path, "--prometheus-address", "http://p:9090" }
            .Where((_, i) => option is not ("--prometheus-address" or "--prometheus") || i < 5).Concat(new[] { option, value }).ToArray();
        var result = Tool.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(line + "\n", result.Error);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Traffic_router_and_scale_down_reach_the_Rollout_and_the_pod_count_warning_goes()
    {
        using var folder = new TempFolder("export");
        var result = Tool.Run(new[] { "export", "argo", Tool.SamplePlan("new-checkout-flow"), "-o", folder.Path, "--traffic-router", "nginx:checkout", "--scale-down", "onsuccess" }.Concat(Where).ToArray());
        Assert.True(result.ExitCode == 0, result.ToString());
        var yaml = File.ReadAllText(Path.Combine(folder.Path, "new-checkout-flow.argo-rollouts.yaml"));
        Assert.Contains("      trafficRouting:\n        nginx:\n          stableIngress: checkout\n", yaml.Replace("\r\n", "\n"));
        Assert.Contains("    scaleDown: onsuccess\n", yaml.Replace("\r\n", "\n"));
        Assert.DoesNotContain("pod count", result.Output);
        Assert.Contains("warning: approximation workload: scaleDown onsuccess", result.Output);
    }

    [Fact]
    public void Mesh_provider_reaches_the_Canary()
    {
        using var folder = new TempFolder("export");
        var result = Tool.Run(new[] { "export", "flagger", Tool.SamplePlan("new-checkout-flow"), "-o", folder.Path, "--mesh-provider", "linkerd" }.Concat(Where).ToArray());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\n  provider: linkerd\n", File.ReadAllText(Path.Combine(folder.Path, "new-checkout-flow.flagger.yaml")).Replace("\r\n", "\n"));
        Assert.DoesNotContain("warning: approximation provider", result.Output);
    }

    [Fact]
    public void An_option_of_the_other_engine_is_refused()
    {
        using var folder = new TempFolder("export");
        var result = Tool.Run(new[] { "export", "flagger", Tool.SamplePlan("new-checkout-flow"), "-o", folder.Path, "--traffic-router", "smi" }.Concat(Where).ToArray());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--traffic-router", result.Error);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_missing_output_folder_is_created_and_a_missing_plan_file_is_exit_2()
    {
        using var folder = new TempFolder("export");
        var nested = Path.Combine(folder.Path, "deploy", "shop");
        var created = Tool.Run(new[] { "export", "argo", Tool.SamplePlan("new-checkout-flow"), "-o", nested }.Concat(Where).ToArray());
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(File.Exists(Path.Combine(nested, "new-checkout-flow.argo-rollouts.yaml")), created.ToString());
        Directory.Delete(Path.Combine(folder.Path, "deploy"), recursive: true);

        var refused = Tool.Run(new[] { "export", "flagger", Tool.SamplePlan("new-checkout-flow"), "-o", nested, "--strict" }.Concat(Where).ToArray());
        Assert.Equal(1, refused.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "deploy")), "a refused export created its output folder");

        var file = folder.Write("a-file", "not a folder");
        var onFile = Tool.Run(new[] { "export", "argo", Tool.SamplePlan("new-checkout-flow"), "-o", file }.Concat(Where).ToArray());
        Assert.Equal(2, onFile.ExitCode);
        Assert.Equal("rollout: " + file + ": is a file, not a folder; pass the folder to write into with -o.\n", onFile.Error);
        File.Delete(file);

        var noPlan = Tool.Run(new[] { "export", "flagger", Path.Combine(folder.Path, "nope.plan.json"), "-o", folder.Path }.Concat(Where).ToArray());
        Assert.Equal(2, noPlan.ExitCode);
        Assert.StartsWith("rollout: ", noPlan.Error);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Flagger_refuses_a_plan_it_cannot_run_without_rolling_back_past_its_point_of_no_return()
    {
        using var folder = new TempFolder("export");
        var plan = File.ReadAllText(Tool.SamplePlan("contact-dedup-job")).Replace("\"afterStage\": \"half\"", "\"afterStage\": \"pilot\"");
        var file = folder.Write("contact-dedup-job.plan.json", plan);
        var result = Tool.Run(new[] { "export", "flagger", file, "-o", folder.Path }.Concat(Where).ToArray());
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("rollout: " + file + ": Plan 'contact-dedup-job' has no stage below 100 % before its point of no return, and Flagger rolls back automatically during every analysis step; use `rollout export argo`.\n", result.Error);
        Assert.Equal(new[] { file }, Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData("argo")]
    [InlineData("flagger")]
    public void Help_has_an_example_and_the_exit_codes(string engine)
    {
        var result = Tool.Run("export", engine, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example: rollout export " + engine, result.Output);
        Assert.Contains("Exit codes:", result.Output);
    }

    [Fact]
    public void The_readme_shows_what_export_prints()
    {
        using var folder = new TempFolder("export");
        var result = Tool.Run("export", "argo", Tool.SamplePlan("contact-dedup-job"), "--workload", "Deployment/contact-dedup", "--replicas", "10",
            "--namespace", "crm", "--prometheus-address", "http://prometheus.monitoring:9090", "-o", folder.Path);
        Assert.Equal(0, result.ExitCode);
        var readme = File.ReadAllText(RepoPaths.Combine("README.md")).Replace("\r\n", "\n");
        var printed = result.Output.Replace(Path.Combine(folder.Path, "contact-dedup-job"), "deploy/contact-dedup-job");
        Assert.Contains("-o deploy/\n" + printed + "$ echo $?\n0\n", readme);
    }
}
