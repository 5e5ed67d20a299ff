using System;
using System.IO;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;

namespace Rollout.Cli.Tests.Docs;

/// <summary>
/// The README's <c>edited/</c> folder: the sample plans with the edits its text describes (the staged window 1 h instead
/// of 4, the stop-loss at 1 % and halting, announcements within 2 min, dark-mode-toggle without an owner).
/// </summary>
public static class EditedPlans
{
    public static string Write(TempFolder folder)
    {
        var checkout = Samples.Checkout;
        var authority = checkout.Authority!;
        folder.Write("edited/new-checkout-flow.plan.json", (checkout with
        {
            Stages = checkout.Stages.SetItem(1, checkout.Stages[1] with { Observe = TimeSpan.FromHours(1) }),
            StopLosses = checkout.StopLosses.SetItem(0, new StopLoss { When = Signal.ErrorRate.Above(1), Action = StopLossAction.Halt }),
            Authority = authority with { Announcement = authority.Announcement! with { Within = TimeSpan.FromMinutes(2) } },
        }).ToJson());
        folder.Write("edited/dark-mode-toggle.plan.json", (Samples.Plan("dark-mode-toggle") with { Owner = null }).ToJson());
        folder.Write("edited/contact-dedup-job.plan.json", File.ReadAllText(Tool.SamplePlan("contact-dedup-job")));
        return Path.Combine(folder.Path, "edited");
    }
}
