using System;
using static Rollout.Dsl.Tests.Rules.RuleAssert;

namespace Rollout.Dsl.Tests.Rules;

/// <summary>ROLL014, ROLL015, ROLL021 (authority) and ROLL016, ROLL017, ROLL019 (names and owner).</summary>
public class IdentityAndAuthorityRulesTests
{
    [Fact]
    public void ROLL014_fails_when_a_rollback_requires_sign_off()
    {
        var finding = Only(PlanRecipe.Baseline(p =>
        {
            p.SignOff.Add(Role.EngLead);
            p.SignOff.Add(Role.Product);
        }), "ROLL014", "authority.signOff");
        Says(finding, "requires sign-off from eng lead, product", "Remove .RequireSignOff(...)", ".Inform(...)");
    }

    [Fact]
    public void ROLL014_passes_when_stakeholders_are_only_informed()
    {
        var plan = PlanRecipe.Baseline();
        Assert.NotEmpty(plan.Authority!.Informed);
        Ready(plan);
    }

    [Fact]
    public void ROLL015_fails_without_an_announcement()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Announce = null), "ROLL015", "authority.announce");
        Says(finding, "does not say where rollbacks are announced", "a.Announce(\"#incidents\", within: TimeSpan.FromMinutes(5))");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ROLL015_fails_for_a_blank_channel(string channel)
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Announce = (channel, TimeSpan.FromMinutes(5))), "ROLL015", "authority.announce.channel");
        Says(finding, "channel is empty", "\"#incidents\"");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ROLL015_fails_for_a_deadline_that_is_not_positive(int minutes)
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Announce = ("#incidents", TimeSpan.FromMinutes(minutes))), "ROLL015", "authority.announce.within");
        Says(finding, "#incidents", "no deadline", "within:", "TimeSpan.FromMinutes(5)");
    }

    [Fact]
    public void ROLL015_passes_for_a_short_positive_deadline_in_any_channel()
    {
        Ready(PlanRecipe.Baseline(p => p.Announce = ("#payments-releases", TimeSpan.FromSeconds(30))));
    }

    [Fact]
    public void ROLL021_fails_for_an_authority_in_which_nobody_may_trigger()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Triggers.Clear()), "ROLL021", "authority.mayTrigger");
        Says(finding, "nobody may trigger a rollback", "a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)", "a.MayTrigger(Role.OnCall, Trigger.AnyReason)");
    }

    [Theory]
    [InlineData(Trigger.StopLossCrossed)]
    [InlineData(Trigger.AnyReason)]
    public void ROLL021_passes_with_a_single_trigger_right(Trigger trigger)
    {
        Ready(PlanRecipe.Baseline(p =>
        {
            p.Triggers.Clear();
            p.Triggers.Add(new TriggerRight { Role = Role.Named("payments on-call"), When = trigger });
        }));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0-9")]
    [InlineData("x-1")]
    [InlineData("new-checkout-flow")]
    [InlineData("9lives")]
    public void ROLL016_passes_for_valid_ids(string id)
    {
        Ready(PlanRecipe.Baseline(p => p.Id = id));
    }

    [Fact]
    public void ROLL016_passes_for_an_id_of_exactly_100_characters()
    {
        Ready(PlanRecipe.Baseline(p => p.Id = new string('a', 100)));
    }

    [Theory]
    [InlineData("New-Checkout")]
    [InlineData("-x")]
    [InlineData("a_b")]
    [InlineData("")]
    [InlineData("new checkout")]
    [InlineData("../etc")]
    [InlineData("ünicode")]
    public void ROLL016_fails_for_invalid_ids(string id)
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Id = id), "ROLL016", "id");
        Says(finding, "Plan id '" + id + "' is not valid", "lower-case letters, digits and dashes", "\"new-checkout-flow\"");
    }

    [Fact]
    public void ROLL016_fails_for_an_id_of_101_characters()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Id = new string('a', 101)), "ROLL016", "id");
        Says(finding, "at most 100 characters");
    }

    [Theory]
    [InlineData("checkout\n")]
    public void ROLL016_fails_for_an_id_with_a_trailing_newline(string id)
    {
        Only(PlanRecipe.Baseline(p => p.Id = id), "ROLL016", "id");
    }

    [Fact]
    public void ROLL017_fails_for_duplicate_stage_names_and_points_at_the_repetition()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Stage("full").Name = "canary"), "ROLL017", "stages[2].name");
        Says(finding, "more than one stage is named 'canary'", "Rename stage 'canary' (#3)");
    }

    [Fact]
    public void ROLL017_reports_each_repetition()
    {
        Exactly(PlanRecipe.Baseline(p =>
        {
            p.PointAfterStage = "canary";
            p.Stage("staged").Name = "canary";
            p.Stage("full").Name = "canary";
        }), "ROLL017 @ stages[1].name", "ROLL017 @ stages[2].name");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ROLL017_fails_for_a_blank_stage_name(string name)
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Stage("canary").Name = name), "ROLL017", "stages[0].name");
        Says(finding, "stage #1 has no name", "\"canary\"");
    }

    [Fact]
    public void ROLL017_treats_names_differing_in_case_as_distinct()
    {
        Ready(PlanRecipe.Baseline(p => p.Stage("full").Name = "Staged"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ROLL019_fails_without_an_owner(string? owner)
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Owner = owner), "ROLL019", "owner");
        Says(finding, "has no owner", ".Owner(\"<team>\")");
    }

    [Fact]
    public void ROLL019_passes_with_an_owner()
    {
        Ready(PlanRecipe.Baseline(p => p.Owner = "payments"));
    }
}
