using System.IO;
using Rollout.Cli;
using Rollout.Export.Targets;

namespace Rollout.Cli.Tests.Infrastructure;

/// <summary>What one run of the tool printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => "exit " + ExitCode + "\n--- stdout\n" + Output + "--- stderr\n" + Error;
}

/// <summary>Runs the tool in-process through its real entry point (<see cref="RolloutCli.Run"/>, which Program.Main calls).</summary>
public static class Tool
{
    public static CliResult Run(params string[] args) => Capture((output, error) => RolloutCli.Run(args, output, error));

    /// <summary>The tool with <paramref name="targets"/> as its export targets (a test's own target registered beside the built-in ones).</summary>
    public static CliResult RunWith(ExportTargets targets, params string[] args) => Capture((output, error) => RolloutCli.Run(args, output, error, targets));

    private static CliResult Capture(System.Func<TextWriter, TextWriter, int> run)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = run(output, error);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>The sample service's committed plans (what its build writes).</summary>
    public static string SamplePlans => RepoPaths.Combine("samples", "CheckoutService", "rollout");

    public static string SamplePlan(string id) => Path.Combine(SamplePlans, id + ".plan.json");
}
