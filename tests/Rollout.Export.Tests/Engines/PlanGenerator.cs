using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests.Engines;

/// <summary>
/// Ready plans drawn from a seed: 2–4 stages with rising traffic ending at 100 %, windows of 10 min to 2 h, gates on an
/// error rate, a latency and a count, a rollback stop-loss on the error rate, sometimes a halt stop-loss on the latency,
/// an entry soak, and a point of no return. The same seed gives the same plan.
/// </summary>
public static class PlanGenerator
{
    private static readonly int[] Minutes = { 10, 15, 30, 60, 120 };

    public static RolloutPlan Generate(int seed)
    {
        var random = new Random(seed);
        var id = "gen-" + seed.ToString(CultureInfo.InvariantCulture);
        var stageCount = random.Next(2, 5);
        var weights = new SortedSet<int>();
        while (weights.Count < stageCount - 1) weights.Add(new[] { 1, 2, 5, 10, 20, 25, 50, 75 }[random.Next(8)]);
        var traffic = weights.Append(100).ToList();
        var gateError = new[] { 0.1, 0.2, 0.25 }[random.Next(3)];
        var stopError = new[] { 0.5, 1.0 }[random.Next(2)];
        var withHalt = random.Next(3) == 0;
        var pointStage = random.Next(3) == 0 ? random.Next(1, stageCount) : -1;
        var every = new[] { 30, 60 }[random.Next(2)];

        var plan = RolloutPlan.Create(id)
            .Owner("team-" + (seed % 7).ToString(CultureInfo.InvariantCulture))
            .Touches(pointStage >= 0 ? Surface.DatabaseSchema : Surface.HighTrafficPath)
            .Measure(Signal.ErrorRate, ExportSamples.ErrorRate)
            .Measure(Signal.LatencyP99, ExportSamples.LatencyP99)
            .Measure(Signal.Count("order_errors"), ExportSamples.CountOf("order_errors"))
            .EvaluateStopLosses(TimeSpan.FromSeconds(every), TimeSpan.FromMinutes(new[] { 2, 5 }[random.Next(2)]));
        for (var i = 0; i < stageCount; i++)
        {
            var index = i;
            var last = i == stageCount - 1;
            var window = TimeSpan.FromMinutes(Minutes[random.Next(Minutes.Length)]);
            var gates = random.Next(3);
            var soak = i > 0 && random.Next(4) == 0 ? TimeSpan.FromMinutes(Minutes[random.Next(Minutes.Length)] * 2) : (TimeSpan?)null;
            plan = plan.Stage("s" + (index + 1).ToString(CultureInfo.InvariantCulture), stage =>
            {
                stage.Traffic(traffic[index]);
                if (soak is { } after) stage.After(after, "quietly");
                if (last) return;
                stage.Observe(window);
                if (gates == 0) stage.AdvanceWhen(Signal.ErrorRate.Below(gateError));
                else if (gates == 1) stage.AdvanceWhen(Signal.ErrorRate.Below(gateError), Signal.LatencyP99.AtMost(400));
                else stage.AdvanceWhen(Signal.ErrorRate.Below(gateError), Signal.Count("order_errors").AtMost(3));
            });
        }
        plan = plan.StopLoss(Signal.ErrorRate.Above(stopError), StopLossAction.Rollback);
        if (withHalt) plan = plan.StopLoss(Signal.LatencyP99.AtLeast(800), StopLossAction.Halt);
        plan = plan.Rollback(r =>
        {
            r.Code(takes: TimeSpan.FromMinutes(5));
            if (pointStage >= 0) r.Schema("migrate down", takes: TimeSpan.FromMinutes(20));
        });
        if (pointStage >= 0) plan = plan.PointOfNoReturn(p => p.AfterStage("s" + (pointStage + 1).ToString(CultureInfo.InvariantCulture)).ForwardFix("patch forward", owner: "on-call"));
        return plan.Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).Announce("#releases", within: TimeSpan.FromMinutes(5)));
    }
}
