using System;

namespace Rollout.Dsl;

/// <summary>Writes the authority matrix inside <see cref="RolloutPlanBuilder.Authority"/>.</summary>
public sealed class AuthorityBuilder : IPlanBuilder
{
    private AuthorityRules _rules;

    internal AuthorityBuilder(AuthorityRules rules) => _rules = rules;

    /// <summary>What the last call wrote; null before the first.</summary>
    internal PlanWrite? LastWrite { get; private set; }

    PlanWrite? IPlanBuilder.LastWrite => LastWrite;

    /// <summary><paramref name="role"/> may trigger a rollback on these grounds, with no permission request.</summary>
    public AuthorityBuilder MayTrigger(Role role, Trigger when)
    {
        _rules = _rules with { Triggers = _rules.Triggers.Adding(new TriggerRight { Role = role ?? throw new ArgumentNullException(nameof(role)), When = when }) };
        // Each right is its own element, so a finding about one right lands on the call that wrote it.
        return Wrote(PlanPath.Plan.Authority.MayTrigger.At(_rules.Triggers.Count - 1));
    }

    /// <summary>Roles who may advance or halt any stage by hand.</summary>
    public AuthorityBuilder MayOverride(params Role[] roles)
    {
        _rules = _rules with { Overrides = _rules.Overrides.AddingAll(roles ?? throw new ArgumentNullException(nameof(roles))) };
        return Wrote(PlanPath.Plan.Authority.MayOverride);
    }

    /// <summary>Every rollback is posted in <paramref name="channel"/> within <paramref name="within"/>.</summary>
    public AuthorityBuilder Announce(string channel, TimeSpan within, string? include = "reason and timestamp")
    {
        _rules = _rules with { Announcement = new Announcement { Channel = channel ?? throw new ArgumentNullException(nameof(channel)), Within = within, Include = include } };
        return Wrote(PlanPath.Plan.Authority.Announce);
    }

    /// <summary>Stakeholders who are notified but never asked.</summary>
    public AuthorityBuilder Inform(params Role[] roles)
    {
        _rules = _rules with { Informed = _rules.Informed.AddingAll(roles ?? throw new ArgumentNullException(nameof(roles))) };
        return Wrote(PlanPath.Plan.Authority.Inform);
    }

    /// <summary>Requires sign-off before a rollback. Expressible so that it can be rejected: a rollback that waits for sign-off is a defect (ROLL014).</summary>
    public AuthorityBuilder RequireSignOff(params Role[] roles)
    {
        _rules = _rules with { SignOff = _rules.SignOff.AddingAll(roles ?? throw new ArgumentNullException(nameof(roles))) };
        return Wrote(PlanPath.Plan.Authority.SignOff);
    }

    internal AuthorityRules Build() => _rules;

    private AuthorityBuilder Wrote(PlanPath part)
    {
        LastWrite = new PlanWrite(part);
        return this;
    }
}
