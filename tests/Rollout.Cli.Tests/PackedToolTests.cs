using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;
using Xunit.Abstractions;

namespace Rollout.Cli.Tests;

/// <summary>
/// The tool as a pipeline gets it: `dotnet pack` of src/Rollout.Cli into a local folder feed, `dotnet tool install
/// --tool-path` from that feed (plus the machine's own configured NuGet sources: TestSupport's MachineNuGetSources),
/// then the installed `rollout` executable.
/// </summary>
public sealed class PackedToolTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempFolder _work = new("rollout-tool");

    [Fact]
    public void The_packed_tool_installs_and_its_rollout_executable_validates_renders_and_diffs()
    {
        var version = "0.0.0-cli-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var feed = Directory.CreateDirectory(Path.Combine(_work.Path, "feed")).FullName;
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(_work.Path, "packages")).FullName };

        // Pack what this test run already built (same configuration), so no second build races the others.
        var project = RepoPaths.Combine("src", "Rollout.Cli", "Rollout.Cli.csproj");
        var pack = Run(Command.Run(RepoPaths.Root, TimeSpan.FromMinutes(5), null,
            "pack", project, "--no-build", "-c", Configuration(), "-o", feed, "-p:PackageVersion=" + version));
        Assert.True(pack.Succeeded, pack.Describe());
        Assert.True(File.Exists(Path.Combine(feed, "Rollout.Cli." + version + ".nupkg")), pack.Describe());

        var config = WriteNuGetConfig(feed);
        var tools = Path.Combine(_work.Path, "tools");
        var install = Run(Command.Run(_work.Path, TimeSpan.FromMinutes(5), environment,
            "tool", "install", "Rollout.Cli", "--version", version, "--tool-path", tools, "--configfile", config));
        Assert.True(install.Succeeded, install.Describe());
        var rollout = Path.Combine(tools, OperatingSystem.IsWindows() ? "rollout.exe" : "rollout");
        Assert.True(File.Exists(rollout), "no rollout executable in " + tools + ": " + string.Join(", ", Directory.GetFileSystemEntries(tools)));

        var validate = Tool(rollout, "validate", global::Rollout.Cli.Tests.Infrastructure.Tool.SamplePlans);
        Assert.True(validate.ExitCode == 0, validate.Describe());
        Assert.Equal("3 plan file(s) checked: 0 violation(s).\n", validate.Output);

        var runbook = Tool(rollout, "render", global::Rollout.Cli.Tests.Infrastructure.Tool.SamplePlan("dark-mode-toggle"), "-o", _work.Path);
        Assert.True(runbook.ExitCode == 0, runbook.Describe());
        Assert.Equal(File.ReadAllBytes(Path.Combine(global::Rollout.Cli.Tests.Infrastructure.Tool.SamplePlans, "dark-mode-toggle.runbook.md")),
            File.ReadAllBytes(Path.Combine(_work.Path, "dark-mode-toggle.runbook.md")));

        var plan = Samples.Checkout;
        var edited = _work.Write("edited/new-checkout-flow.plan.json",
            (plan with { Stages = plan.Stages.SetItem(1, plan.Stages[1] with { Observe = TimeSpan.FromHours(1) }) }).ToJson());
        var diff = Tool(rollout, "diff", global::Rollout.Cli.Tests.Infrastructure.Tool.SamplePlan("new-checkout-flow"), edited);
        Assert.True(diff.ExitCode == 3, diff.Describe());
        Assert.Contains("riskier new-checkout-flow stages[staged].observe: observation window shortened from 4 h to 1 h\n", diff.Output);

        var missing = Tool(rollout, "render", Path.Combine(_work.Path, "none.plan.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("rollout: " + Path.Combine(_work.Path, "none.plan.json") + ": no such file; pass a <plan-id>.plan.json file the build wrote.\n", missing.Output);
    }

    private string WriteNuGetConfig(string feed)
    {
        var config = Path.Combine(_work.Path, "nuget.config");
        File.WriteAllText(config, MachineNuGetSources.ConfigWithLocalFeed(feed, "Rollout.Cli"));
        return config;
    }

    private CommandResult Tool(string rollout, params string[] arguments)
    {
        // The tool's apphost finds the runtime next to the dotnet that runs these tests.
        var environment = new Dictionary<string, string>();
        if (Path.IsPathRooted(Command.DotNet)) environment["DOTNET_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(Command.DotNet))!;
        return Run(Command.RunProgram(rollout, _work.Path, TimeSpan.FromMinutes(1), environment, arguments));
    }

    private CommandResult Run(CommandResult result)
    {
        log.WriteLine($"[{result.Duration.TotalSeconds,5:F1} s] {result.CommandLine} (exit {result.ExitCode})");
        return result;
    }

    // bin/<Configuration>/net10.0/ of this test assembly: pack the CLI built in the same configuration.
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public void Dispose() => _work.Dispose();
}
