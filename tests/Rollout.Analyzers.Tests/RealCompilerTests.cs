using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rollout.Analyzers.Tests.Infrastructure;
using Rollout.TestSupport;
using Xunit.Abstractions;
using static Rollout.Analyzers.Tests.Infrastructure.Specs;

namespace Rollout.Analyzers.Tests;

/// <summary>
/// Through the real compiler: a service project outside the repository that references the DSL and
/// loads the analyzer and generator the way a package would. Three `dotnet build` runs.
/// </summary>
public sealed class RealCompilerTests : IDisposable
{
    private const string HelpUri = "https://github.com/rolloutdsl/rolloutdsl/blob/main/docs/rules/ROLL001.md";

    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rollout-analyzer-" + Guid.NewGuid().ToString("N"));

    public RealCompilerTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Dotnet_build_fails_with_ROLL001_at_the_Create_call_honours_editorconfig_and_writes_SARIF()
    {
        Assert.False(_directory.StartsWith(RepoPaths.Root, StringComparison.Ordinal), "the service project must live outside the repository");
        WriteProject(Chain((StopLoss, "")));

        // 1. Error by default, at Spec.cs(line,col) of the RolloutPlan.Create(...) call; SARIF log with the help URI.
        var failed = Build("-p:ErrorLog=out.sarif%2Cversion%3D2.1");
        Assert.True(failed.ExitCode != 0, "the build should fail:\n" + failed.Output);
        Assert.Matches(new Regex(@"Spec\.cs\(10,9\): error ROLL001: Plan 'checkout-v2' has no stop-loss threshold"), failed.Output);
        Assert.DoesNotMatch(new Regex(@"(error|warning) ROLL0(0[2-9]|1\d|2\d)"), failed.Output);

        var sarifPath = Path.Combine(_directory, "out.sarif");
        Assert.True(File.Exists(sarifPath), "no SARIF log written");
        using (var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath)))
        {
            Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
            var run = sarif.RootElement.GetProperty("runs")[0];
            var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "ROLL001");
            Assert.Equal("error", result.GetProperty("level").GetString());
            var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            Assert.Equal(10, region.GetProperty("startLine").GetInt32());
            Assert.Equal(9, region.GetProperty("startColumn").GetInt32());
            var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "ROLL001");
            Assert.Equal(HelpUri, rule.GetProperty("helpUri").GetString());
        }

        // 2. One .editorconfig line turns it into a warning: the build succeeds and still says why.
        File.WriteAllText(Path.Combine(_directory, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.ROLL001.severity = warning\n");
        var warned = Build();
        Assert.True(warned.ExitCode == 0, "the build should succeed:\n" + warned.Output);
        Assert.Matches(new Regex(@"Spec\.cs\(10,9\): warning ROLL001: Plan 'checkout-v2'"), warned.Output);

        // 3. With the stop-loss written, the plan is ready: no diagnostic at all.
        File.Delete(Path.Combine(_directory, ".editorconfig"));
        WriteProject(Chain());
        var ready = Build();
        Assert.True(ready.ExitCode == 0, "the ready plan should build:\n" + ready.Output);
        Assert.DoesNotContain("ROLL", ready.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotnet_build_of_a_half_typed_spec_fails_with_the_compiler_errors_only()
    {
        // The issue's example (HalfTypedSpecTests shows the analyzer agrees): the analyzers and the generator skip the
        // spec, which is safe only because the syntax error itself fails the build.
        WriteProject(Create + Owner + Touches + ".Stage(\"canary\", s => s.Traffic(5, \"st");

        var failed = Build();

        Assert.True(failed.ExitCode != 0, "a half-typed spec must fail the build:\n" + failed.Output);
        Assert.Matches(new Regex(@"Spec\.cs\(10,124\): error CS1010: Newline in constant"), failed.Output);
        Assert.DoesNotContain("ROLL", failed.Output, StringComparison.Ordinal);
    }

    private void WriteProject(string chain)
    {
        Directory.CreateDirectory(_directory);
        IsolatedBuild.CutOffParentBuildFiles(_directory);
        var src = Path.Combine(RepoPaths.Root, "src");
        File.WriteAllText(Path.Combine(_directory, "Service.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(src, "Rollout.Dsl", "Rollout.Dsl.csproj")}" />
                <ProjectReference Include="{Path.Combine(src, "Rollout.Analyzers", "Rollout.Analyzers.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{Path.Combine(src, "Rollout.Generators", "Rollout.Generators.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory, "Spec.cs"),
            "using System;\nusing Rollout.Dsl;\n\nnamespace Service;\n\npublic static class Specs\n{\n    [RolloutSpec]\n    public static RolloutPlan Checkout() =>\n        " + chain + ";\n}\n");
    }

    private (int ExitCode, string Output) Build(params string[] extra)
    {
        // The repository's projects were built with this test project; build only the service, restore only it,
        // so no file under the repository is written (other builds may be running there).
        var arguments = new[] { "build", "Service.csproj", "--no-dependencies", "-p:RestoreRecursive=false", "-p:Configuration=" + Configuration }.Concat(extra).ToArray();
        var result = Command.Run(_directory, TimeSpan.FromMinutes(3), null, arguments);
        _output.WriteLine("dotnet build " + string.Join(" ", extra) + ": exit " + result.ExitCode + " in " + result.Duration.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s");
        return (result.ExitCode, result.Output);
    }

    /// <summary>The configuration this test project (and so the referenced analyzer) was built in.</summary>
    private static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a compiler server may still hold a file for a moment.
        }
    }
}
