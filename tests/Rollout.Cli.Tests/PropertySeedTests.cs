using System;
using System.Collections.Generic;
using CsCheck;
using Rollout.Dsl;
using Rollout.Cli.Tests.Infrastructure;
using Xunit.Sdk;

namespace Rollout.Cli.Tests;

/// <summary>The property helper replays exactly: one seed, the same cases; a failure says how to replay it.</summary>
public sealed class PropertySeedTests
{
    [Fact]
    public void The_same_seed_generates_the_same_cases_in_the_same_order()
    {
        var first = new List<string>();
        var second = new List<string>();
        Property.Check(PlanGen.Plan, plan => first.Add(plan.ToJson()), iterations: 25);
        Property.Check(PlanGen.Plan, plan => second.Add(plan.ToJson()), iterations: 25);

        Assert.Equal(first, second);
        Assert.True(new HashSet<string>(first).Count > 10, "the cases should differ from one another");
    }

    [Fact]
    public void A_failure_names_the_run_seed_the_case_and_the_case_seed()
    {
        var failure = Assert.Throws<XunitException>(() =>
            Property.Check(Gen.Int[0, 1000], value => Assert.True(value < 0, "planted failure"), iterations: 5));

        Assert.Contains("at case 0 of seed " + Property.Seed, failure.Message, StringComparison.Ordinal);
        Assert.Contains(Property.SeedVariable + "=" + Property.Seed, failure.Message, StringComparison.Ordinal);
        Assert.Contains("CsCheck seed \"", failure.Message, StringComparison.Ordinal);
        Assert.Contains("planted failure", failure.Message, StringComparison.Ordinal);
    }
}
