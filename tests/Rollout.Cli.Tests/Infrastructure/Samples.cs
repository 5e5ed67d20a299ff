using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Plans;
using Rollout.Dsl;

namespace Rollout.Cli.Tests.Infrastructure;

/// <summary>The sample service's committed plans, read through the tool's own reader.</summary>
public static class Samples
{
    public static RolloutPlan Plan(string id)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Tool.SamplePlan(id)));
        return PlanJsonReader.Read(document.RootElement);
    }

    public static RolloutPlan Checkout => Plan("new-checkout-flow");

    public static RolloutPlan Dedup => Plan("contact-dedup-job");

    /// <summary>
    /// The sample with a point of no return, with every optional part of the model set in the first element of every list
    /// (and a sign-off, so a finding is written): the plan that exercises every property of the model.
    /// </summary>
    public static RolloutPlan EveryPart
    {
        get
        {
            var plan = Dedup;
            var stage = plan.Stages[0] with
            {
                Audience = "one internal tenant",
                After = new Soak(System.TimeSpan.FromHours(2), "after the dry run without incident"),
                OverrideBy = EquatableList<Role>.From([new Role("eng lead")]),
            };
            // The data-repair step first: it is the kind of step that has every property (scope included).
            var repair = plan.Rollback.Single(s => s.Kind == RollbackKind.DataRepair);
            var step = repair with { Takes = System.TimeSpan.FromMinutes(3), When = "duplicates were written", Owner = "crm", Runbook = "docs/x.md", Scope = "merged contacts" };
            return plan with
            {
                Title = "Every part",
                Stages = EquatableList<Stage>.From(new[] { stage }.Concat(plan.Stages.Skip(1))),
                Rollback = EquatableList<RollbackStep>.From(new[] { step }.Concat(plan.Rollback.Where(s => s != repair))),
                Authority = plan.Authority! with
                {
                    Announcement = new Announcement("#incidents", System.TimeSpan.FromMinutes(5), "reason and timestamp"),
                    Overrides = EquatableList<Role>.From([new Role("eng lead")]),
                    Informed = EquatableList<Role>.From([new Role("product")]),
                    SignOff = EquatableList<Role>.From([new Role("vp")]),
                },
                PointOfNoReturn = plan.PointOfNoReturn! with { Moment = "the backfill has rewritten 10 % of contacts", Owner = "crm" },
                Source = new SpecSource("Plan", "ContactDedupJob.cs"),
            };
        }
    }
}
