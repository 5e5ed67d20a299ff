using System.Linq;
using Rollout.Export.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rollout.Export.Tests;

/// <summary>
/// The exported conditions run through the real expr library (.tools/argo-expr, built from Debian's
/// golang-github-antonmedv-expr-dev by scripts/install-test-services.sh), with Argo's rules for a Prometheus vector.
/// </summary>
public class ArgoExprTests(ITestOutputHelper output)
{
    [Fact]
    public void The_evaluator_says_which_expr_ran()
    {
        output.WriteLine("Argo conditions evaluated with " + ArgoMeasurement.Version + " (Argo Rollouts pins expr-lang/expr v1.17.8; for the conditions the export emits the outcomes below agree)");
        Assert.Equal("expr 1.8.9", ArgoMeasurement.Version);
    }

    [Theory]
    [InlineData("len(result) == 1 && result[0] < 0.1", null, new[] { 0.05 }, MeasurementPhase.Successful)]
    [InlineData("len(result) == 1 && result[0] < 0.1", null, new[] { 0.1 }, MeasurementPhase.Failed)]
    [InlineData("len(result) == 1 && result[0] < 0.1", null, new double[0], MeasurementPhase.Failed)]
    [InlineData("len(result) == 1 && result[0] <= 0.5", "len(result) == 1 && result[0] > 0.5", new[] { 0.49 }, MeasurementPhase.Successful)]
    [InlineData("len(result) == 1 && result[0] <= 0.5", "len(result) == 1 && result[0] > 0.5", new[] { 0.51 }, MeasurementPhase.Failed)]
    [InlineData("len(result) == 1 && result[0] <= 0.5", "len(result) == 1 && result[0] > 0.5", new[] { double.NaN }, MeasurementPhase.Inconclusive)]
    [InlineData("len(result) == 1 && result[0] <= 0.5", "len(result) == 1 && result[0] > 0.5", new double[0], MeasurementPhase.Inconclusive)]
    [InlineData("len(result) == 1 && result[0] <= 0.5", "len(result) == 1 && result[0] > 0.5", new[] { 0.1, 0.9 }, MeasurementPhase.Inconclusive)]
    [InlineData("!(len(result) == 1 && result[0] > 10)", "false", new[] { 11.0 }, MeasurementPhase.Inconclusive)]
    [InlineData("!(len(result) == 1 && result[0] > 10)", "false", new double[0], MeasurementPhase.Successful)]
    [InlineData(null, "len(result) == 1 && result[0] > 1", new[] { 0.5 }, MeasurementPhase.Successful)]
    [InlineData("result[0] < 1", null, new double[0], MeasurementPhase.Error)]
    public void Argos_rule_for_success_and_failure_conditions_over_a_vector(string? success, string? failure, double[] result, MeasurementPhase expected) =>
        Assert.Equal(expected, ArgoMeasurement.Phase(success, failure, result));

    [Theory]
    [MemberData(nameof(ExportSamples.AllIds), MemberType = typeof(ExportSamples))]
    public void Every_exported_condition_compiles_and_never_errors_on_any_answer(string planId)
    {
        var manifests = new Manifests(ExportSamples.Argo(planId).ToYaml());
        var metrics = manifests.All("AnalysisTemplate").SelectMany(t => Manifests.Items(t["spec"]!["metrics"])).ToList();
        Assert.NotEmpty(metrics);
        var answers = new[] { new double[0], new[] { 0.0 }, new[] { 1e9 }, new[] { -1.0 }, new[] { double.NaN }, new[] { 0.0, 1.0 } };
        foreach (var metric in metrics)
        {
            foreach (var answer in answers)
            {
                var phase = ArgoMeasurement.Phase((string?)metric["successCondition"], (string?)metric["failureCondition"], answer);
                Assert.True(phase != MeasurementPhase.Error, metric["name"] + " errs on [" + string.Join(",", answer) + "]");
            }
        }
    }
}
