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
                After = new Soak { Duration = System.TimeSpan.FromHours(2), Note = "after the dry run without incident" },
                OverrideBy = [Role.Named("eng lead")],
            };
            // The data-repair step first: it is the kind of step that has every property (scope included).
            var repair = plan.Rollback.Single(s => s.Kind == RollbackKind.DataRepair);
            var step = repair with { Takes = System.TimeSpan.FromMinutes(3), When = "duplicates were written", Owner = "crm", Runbook = "docs/x.md", Scope = "merged contacts" };
            return plan with
            {
                Title = "Every part",
                Stages = [.. new[] { stage }.Concat(plan.Stages.Skip(1))],
                Rollback = [.. new[] { step }.Concat(plan.Rollback.Where(s => s != repair))],
                Authority = plan.Authority! with
                {
                    Announcement = new Announcement { Channel = "#incidents", Within = System.TimeSpan.FromMinutes(5), Include = "reason and timestamp" },
                    Overrides = [Role.Named("eng lead")],
                    Informed = [Role.Named("product")],
                    SignOff = [Role.Named("vp")],
                },
                PointOfNoReturn = plan.PointOfNoReturn! with { Moment = "the backfill has rewritten 10 % of contacts", Owner = "crm" },
                Source = new SpecSource { Member = "Plan", File = "ContactDedupJob.cs" },
            };
        }
    }
}
