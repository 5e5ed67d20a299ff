namespace Rollout.Gates.Backtest;

/// <summary>How often a stage's advance gates would have held over the period (a gate failed, or had no value).</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Gates">How many advance gates it has (0: nothing to hold on; the shares are then 0).</param>
/// <param name="Evaluations">How many evaluations there were.</param>
/// <param name="Held">Evaluations at which at least one gate failed or had no value.</param>
/// <param name="HeldForNoData">Of those, evaluations at which a gate had no value (no data, stale, several series, error).</param>
public sealed record StageBacktest(string Stage, int Gates, long Evaluations, long Held, long HeldForNoData)
{
    /// <summary>The share of evaluations at which the gates held, 0 to 1.</summary>
    public double HeldShare => Evaluations == 0 ? 0 : (double)Held / Evaluations;
}
