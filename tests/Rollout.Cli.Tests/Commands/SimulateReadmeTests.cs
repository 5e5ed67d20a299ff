using System.IO;
using Rollout.Cli.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Commands;

/// <summary>README's "What happens when: rollout simulate" shows real output: the same runs print exactly what it pastes.</summary>
public sealed class SimulateReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepoPaths.Combine("README.md")).Replace("\r\n", "\n");

    private static string Simulation(string name) => Path.Combine("samples", "CheckoutService", "simulations", name);

    [Fact]
    public void The_simulate_section_shows_what_the_sample_timelines_print()
    {
        var csv = Simulation("new-checkout-flow.slow-then-burning.csv");
        var json = Simulation("contact-dedup-job.after-the-point-of-no-return.json");

        var burning = Tool.Run("simulate", Tool.SamplePlan("new-checkout-flow"), "--timeline", RepoPaths.Combine(csv), "--start", "2026-12-06T08:00:00Z");
        var forward = Tool.Run("simulate", Tool.SamplePlan("contact-dedup-job"), "--timeline", RepoPaths.Combine(json));

        Assert.Equal(20, burning.ExitCode);
        Assert.Equal(30, forward.ExitCode);
        Assert.Contains("$ cat " + csv + "\n" + File.ReadAllText(RepoPaths.Combine(csv)).Replace("\r\n", "\n"), Readme);
        Assert.Contains("    --timeline " + csv + " --start 2026-12-06T08:00:00Z\n" + burning.Output + "$ echo $?\n20\n", Readme);
        Assert.Contains("    --timeline " + json + "\n" + forward.Output + "$ echo $?\n30\n", Readme);
    }
}
