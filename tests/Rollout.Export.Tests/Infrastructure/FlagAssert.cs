using System.Globalization;
using System.Linq;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>Checks over one answer per user (1 has the feature, 0 has not), in the same user order at every stage.</summary>
public static class FlagAssert
{
    /// <summary>Every key that has the feature before still has it after.</summary>
    public static void Kept(string before, string after, string stage)
    {
        Assert.Equal(before.Length, after.Length);
        var lost = Enumerable.Range(0, before.Length).Where(k => before[k] == '1' && after[k] != '1').ToList();
        Assert.True(lost.Count == 0, stage + ": " + lost.Count + " key(s) lost the feature, first key #" + lost.FirstOrDefault());
    }

    public static double Percent(string answers) => 100.0 * answers.Count(c => c == '1') / answers.Length;

    public static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
