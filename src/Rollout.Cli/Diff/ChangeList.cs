using System;
using System.Collections.Generic;
using Rollout.Dsl;
using Rollout.Dsl.Text;

namespace Rollout.Cli.Diff;

/// <summary>
/// Collects the changes of one plan. Each helper classifies both directions the same way, so that comparing
/// new with old yields the mirror image (riskier and safer swapped): presence of a safety net is safer than its absence.
/// </summary>
internal sealed class ChangeList
{
    private readonly string _plan;

    public ChangeList(string plan) => _plan = plan;

    public List<PlanChange> Items { get; } = [];

    public void Add(Risk risk, string path, string reason) => Items.Add(new PlanChange(risk, _plan, path, reason));

    /// <summary>A safety net (stage, gate, step, owner...) added is safer, removed is riskier.</summary>
    public void Presence(string path, bool hadIt, bool hasIt, string what, Risk whenAdded = Risk.Safer)
    {
        if (hadIt == hasIt) return;
        var whenRemoved = Mirror(whenAdded);
        if (hasIt) Add(whenAdded, path, what + " added");
        else Add(whenRemoved, path, what + " removed");
    }

    /// <summary>Text that only describes (title, audience, channel): any change is neutral.</summary>
    public void Wording(string path, string? old, string? now, string what)
    {
        if (string.Equals(old, now, StringComparison.Ordinal)) return;
        Add(Risk.Neutral, path, what + " changed from " + Show(old) + " to " + Show(now));
    }

    /// <summary>Text whose presence matters (an owner, a forward-fix path): added safer, removed riskier, changed neutral.</summary>
    public void Named(string path, string? old, string? now, string what)
    {
        if (old is not null && now is not null) Wording(path, old, now, what);
        else if (old is not null || now is not null) Presence(path, old is not null, now is not null, what + " " + Show(old ?? now));
    }

    /// <summary>
    /// A duration; absent counts as missing a safety net. <paramref name="longerIsRiskier"/>: true for how long a rollback
    /// takes or how late it is announced, false for how long a stage is watched.
    /// </summary>
    public void Duration(string path, TimeSpan? old, TimeSpan? now, string what, bool longerIsRiskier)
    {
        if (old == now) return;
        if (old is not { } before || now is not { } after)
        {
            Presence(path, old is not null, now is not null, what + " " + Invariant.Duration((old ?? now)!.Value));
            return;
        }
        var longer = after > before;
        var risk = longer == longerIsRiskier ? Risk.Riskier : Risk.Safer;
        Add(risk, path, what + (longer ? " lengthened" : " shortened") + " from " + Invariant.Duration(before) + " to " + Invariant.Duration(after));
    }

    /// <summary>
    /// A metric condition of the same metric in both revisions. A gate that lets more values pass is looser (riskier);
    /// a stop-loss that fires on fewer values is looser (riskier). Compared within one direction (upper or lower bound).
    /// </summary>
    public void Condition(string path, Condition old, Condition now, string what, bool isStopLoss)
    {
        if (old.Equals(now)) return;
        var change = ConditionText.Describe(old) + " to " + ConditionText.Describe(now);
        if (old.Metric.Unit != now.Metric.Unit)
        {
            Add(Risk.Neutral, path, what + " unit changed: " + change);
            return;
        }
        var upper = IsUpperBound(old.Comparison);
        if (upper != IsUpperBound(now.Comparison) || double.IsNaN(old.Threshold) || double.IsNaN(now.Threshold))
        {
            Add(Risk.Neutral, path, what + " changed: " + change + " (not comparable; review by hand)");
            return;
        }
        // Does the new condition hold for more values than the old one?
        var holdsMore = upper
            ? now.Threshold > old.Threshold || (now.Threshold == old.Threshold && IsInclusive(now.Comparison))
            : now.Threshold < old.Threshold || (now.Threshold == old.Threshold && IsInclusive(now.Comparison));
        var loosened = holdsMore != isStopLoss;
        Add(loosened ? Risk.Riskier : Risk.Safer, path, what + (loosened ? " loosened: " : " tightened: ") + change);
    }

    private static bool IsUpperBound(Comparison comparison) => comparison is Comparison.Below or Comparison.AtMost;

    private static bool IsInclusive(Comparison comparison) => comparison is Comparison.AtMost or Comparison.AtLeast;

    public static Risk Mirror(Risk risk) => risk switch
    {
        Risk.Riskier => Risk.Safer,
        Risk.Safer => Risk.Riskier,
        _ => Risk.Neutral,
    };

    public static string Show(string? text) => text is null ? "(none)" : "'" + text + "'";
}
