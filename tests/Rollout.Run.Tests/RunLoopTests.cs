using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CheckoutService.Specs;
using Rollout.Run.Tests.Infrastructure;
using Rollout.Semantics;
using Rollout.Semantics.Tests;

namespace Rollout.Run.Tests;

/// <summary>The loop evaluates at the plan's cadence until the release settles, and a stop between evaluations loses nothing.</summary>
public sealed class RunLoopTests
{
    [Fact]
    public async Task The_loop_evaluates_every_stop_loss_period_until_the_release_rolls_back()
    {
        var burning = new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0).Value("error_rate", 10, 0.9).Build();
        using var release = new Release(NewCheckoutFlow.Plan(), burning);
        var times = new List<DateTimeOffset>();

        var last = await RunLoop.RunAsync(release.Executor(), release.Clock, null, outcome => times.Add(outcome.EvaluatedAt), CancellationToken.None);

        Assert.Equal(ReleaseMode.RolledBack, last.Position.Mode);
        Assert.Equal(Enumerable.Range(0, 14).Select(m => TimelineBuilder.At(m)), times);
        Assert.Equal(release.FlagAt(null), release.Flag());
    }

    [Fact]
    public async Task A_rehearsal_keeps_its_offset_from_the_clock()
    {
        var healthy = new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0).Build();
        using var release = new Release(NewCheckoutFlow.Plan(), healthy);
        release.Clock.Now = TimelineBuilder.T0 + TimeSpan.FromDays(30);
        using var stop = new CancellationTokenSource();
        var times = new List<DateTimeOffset>();

        var last = await RunLoop.RunAsync(release.Executor(), release.Clock, TimelineBuilder.T0, outcome =>
        {
            times.Add(outcome.EvaluatedAt);
            if (times.Count == 40) stop.Cancel();
        }, stop.Token);

        Assert.Equal(Enumerable.Range(0, 40).Select(m => TimelineBuilder.At(m)), times);
        Assert.Equal("staged", last.Stage);
        Assert.Equal(40, release.State().Evaluations);
        Assert.Equal(release.FlagAt("staged"), release.Flag());
    }
}
