using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Flags;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>
/// The properties every flag export must have, checked on an evaluator's answers: one string per point of the plan (each
/// stage, then the rollback) and population (everyone first, then the members of each group), one char a user in the
/// same order at every point (1 has the feature, 0 has not).
/// </summary>
public static class FlagAssert
{
    /// <summary>Share within ±0.5 points of the plan's, nobody loses it, members have it from their stage on, rollback nobody; answers the measured shares.</summary>
    public static IReadOnlyList<double> Properties(RolloutPlan plan, IReadOnlyList<IReadOnlyList<string>> answers, IReadOnlyList<string> groups, string where)
    {
        Assert.Equal(plan.Stages.Count + 1, answers.Count);
        var shares = new List<double>();
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = where + " stage " + plan.Stages[i].Name;
            var expected = FlagExpectations.Share(plan, i);
            var measured = Percent(answers[i][0]);
            Assert.True(Math.Abs(measured - expected) <= 0.5, stage + ": " + Invariant(measured) + " % have the feature, the plan says " + Invariant(expected) + " %");
            if (i > 0)
            {
                for (var p = 0; p < answers[i].Count; p++) Kept(answers[i - 1][p], answers[i][p], stage);
            }
            foreach (var (group, g) in groups.Select((g, n) => (g, n)))
            {
                var from = plan.Stages.ToList().FindIndex(s => FlagPlan.GroupOf(s) == group);
                if (from >= 0 && i >= from) Assert.True(answers[i][g + 1].All(c => c == '1'), stage + ": a member of group " + group + " does not have the feature");
            }
            shares.Add(measured);
        }
        Assert.All(answers[^1], p => Assert.True(p.All(c => c == '0'), where + " rollback: someone still has the feature"));
        return shares;
    }

    /// <summary>Every user who has the feature before still has it after.</summary>
    public static void Kept(string before, string after, string stage)
    {
        Assert.Equal(before.Length, after.Length);
        var lost = Enumerable.Range(0, before.Length).Where(k => before[k] == '1' && after[k] != '1').ToList();
        Assert.True(lost.Count == 0, stage + ": " + lost.Count + " user(s) lost the feature, first #" + lost.FirstOrDefault());
    }

    public static double Percent(string answers) => 100.0 * answers.Count(c => c == '1') / answers.Length;

    public static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>"canary: plan 1 % (internal users only), expected 0 %, measured 0 %" for each stage.</summary>
    public static IEnumerable<string> Lines(RolloutPlan plan, IReadOnlyList<double> shares, string evaluator) =>
        plan.Stages.Select((s, i) => "  " + s.Name + ": plan " + Invariant(s.TrafficPercent ?? 0) + " % (" + (s.Audience ?? "no audience") + "), expected share "
            + Invariant(FlagExpectations.Share(plan, i)) + " %, " + evaluator + " " + Invariant(shares[i]) + " %");
}
