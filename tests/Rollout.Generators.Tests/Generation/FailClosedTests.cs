extern alias Generators;

using System;
using System.Collections.Immutable;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using GeneratedSource = Generators::Rollout.Generators.GeneratedSource;
using EvaluatedSpec = Generators::Rollout.Generators.EvaluatedSpec;
using RenderedPlan = Generators::Rollout.Generators.RenderedPlan;
using SpecPlace = Generators::Rollout.Generators.SpecPlace;
using HostFailure = Generators::Rollout.Reading.HostFailure;
using GenDsl = Generators::Rollout.Dsl;

namespace Rollout.Generators.Tests.Generation;

/// <summary>The generator's own boundary: a failure while rendering becomes ROLL103 data, cancellation stays cancellation.</summary>
public class FailClosedTests
{
    private static readonly SpecPlace Place = new("/src/Spec.cs", new TextSpan(10, 4), default);

    [Fact]
    public void A_renderer_failure_becomes_the_specs_ROLL103_and_no_source()
    {
        // The model's types say a condition has a metric; a plan built around them with null! makes the JSON writer fail.
        var broken = GenDsl.RolloutPlan.Create("p").StopLoss(GenDsl.Signal.ErrorRate.Above(1) with { Metric = null! }, GenDsl.StopLossAction.Rollback).Build();

        var rendered = GeneratedSource.Render(new EvaluatedSpec("Specs.Plan", "Rollout.Plan.Specs.Plan.0.g.cs", broken, Place, null), CancellationToken.None);

        Assert.Null(rendered.Source);
        Assert.StartsWith("Spec 'Specs.Plan' could not be rendered: NullReferenceException", rendered.Failure, StringComparison.Ordinal);
        Assert.Contains("treated as not ready", rendered.Failure, StringComparison.Ordinal);
        Assert.Equal("ROLL103", HostFailure.Descriptor.Id);
    }

    [Fact]
    public void Cancellation_is_rethrown_also_when_reflection_wrapped_it()
    {
        var wrapped = new TargetInvocationException(new TargetInvocationException(new OperationCanceledException()));

        Assert.Throws<OperationCanceledException>(() => HostFailure.RethrowIfCancellation(wrapped));
        HostFailure.RethrowIfCancellation(new TargetInvocationException(new InvalidOperationException()));
        Assert.Throws<OperationCanceledException>(() => GeneratedSource.Render(
            new EvaluatedSpec("Specs.Plan", "h.g.cs", GenDsl.RolloutPlan.Create("p").Build(), Place, null), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Copies_of_a_spec_get_distinct_hint_names_in_declaration_order()
    {
        var plans = ImmutableArray.Create(
            new RenderedPlan("A.Plan", "a", "Rollout.Plan.A.Plan.1234abcd.g.cs", "// 1", Place, null),
            new RenderedPlan("A.Plan", "b", "Rollout.Plan.A.Plan.1234abcd.g.cs", "// 2", Place, null),
            new RenderedPlan("A.Plan", null, "Rollout.Plan.A.Plan.1234abcd.g.cs", null, Place, null),
            new RenderedPlan("A.Plan", "c", "Rollout.Plan.A.Plan.1234ABCD.g.cs", "// 3", Place, null));

        Assert.Equal(
            new[] { "Rollout.Plan.A.Plan.1234abcd.g.cs", "Rollout.Plan.A.Plan.1234abcd.2.g.cs", "Rollout.Plan.A.Plan.1234ABCD.3.g.cs" },
            System.Linq.Enumerable.Select(GeneratedSource.PlanSources(plans), p => p.HintName));
    }
}
