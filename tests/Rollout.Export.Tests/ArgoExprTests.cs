using System;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests;

/// <summary>The test's own evaluator of Argo conditions behaves like expr on the constructs it accepts, and refuses the rest.</summary>
public class ArgoExprTests
{
    [Theory]
    [InlineData("len(result) == 1 && result[0] < 0.1", new[] { 0.05 }, true)]
    [InlineData("len(result) == 1 && result[0] < 0.1", new[] { 0.1 }, false)]
    [InlineData("len(result) == 1 && result[0] < 0.1", new double[0], false)]
    [InlineData("len(result) == 1 && result[0] >= 99.9", new[] { 99.9 }, true)]
    [InlineData("len(result) == 1 && result[0] > 0.5", new[] { 0.5, 0.6 }, false)]
    [InlineData("false", new[] { 1.0 }, false)]
    [InlineData("!(result[0] <= 2) || false", new[] { 3.0 }, true)]
    public void Evaluates(string condition, double[] result, bool expected) => Assert.Equal(expected, ArgoExpr.Evaluate(condition, result));

    [Fact]
    public void Reading_past_the_result_is_an_error_as_in_Argo() =>
        Assert.Equal(MeasurementPhase.Error, ArgoMeasurement.Phase("result[0] < 1", null));

    [Theory]
    [InlineData("result[0] < 1 and true")]
    [InlineData("isNaN(result[0])")]
    [InlineData("result[0] in [1, 2]")]
    public void Refuses_what_it_does_not_know(string condition) => Assert.ThrowsAny<FormatException>(() => ArgoExpr.Evaluate(condition, 0.5));

    [Theory]
    [InlineData("len(result) == 1 && result[0] < 1", null, 0.5, MeasurementPhase.Successful)]
    [InlineData("len(result) == 1 && result[0] < 1", null, 2, MeasurementPhase.Failed)]
    [InlineData(null, "len(result) == 1 && result[0] > 1", 0.5, MeasurementPhase.Successful)]
    [InlineData("len(result) == 1 && result[0] < 1", "false", 2, MeasurementPhase.Inconclusive)]
    [InlineData("len(result) == 1 && result[0] <= 1", "len(result) == 1 && result[0] > 1", 2, MeasurementPhase.Failed)]
    public void Follows_Argos_rule_for_success_and_failure_conditions(string? success, string? failure, double value, MeasurementPhase expected) =>
        Assert.Equal(expected, ArgoMeasurement.Phase(success, failure, value));
}
