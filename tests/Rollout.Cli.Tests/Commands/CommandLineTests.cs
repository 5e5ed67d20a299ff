using Rollout.Cli.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Commands;

/// <summary>What every command shares: help, bad command lines, one-line errors with exit 2.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("validate")]
    [InlineData("render")]
    [InlineData("diff")]
    [InlineData("gate")]
    [InlineData("run")]
    [InlineData("approve")]
    public void Every_command_has_help_with_an_example_and_its_exit_codes(string command)
    {
        var result = Tool.Run(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example: rollout " + command, result.Output);
        Assert.Contains("Exit codes:", result.Output);
    }

    [Fact]
    public void An_unknown_option_is_unusable_input_in_one_line_per_problem()
    {
        var result = Tool.Run("validate", "--colour", "red", Tool.SamplePlans);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("rollout: ", result.Error);
        Assert.Contains("Run 'rollout validate --help' for usage.", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void An_unknown_format_is_rejected()
    {
        var result = Tool.Run("validate", "--format", "xml", Tool.SamplePlans);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'xml'", result.Error);
    }
}
