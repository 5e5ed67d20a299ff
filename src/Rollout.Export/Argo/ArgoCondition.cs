using Rollout.Dsl;
using Rollout.Dsl.Text;

namespace Rollout.Export.Argo;

/// <summary>
/// Argo Rollouts measurement conditions (expr language) for a plan condition. Only a small subset is
/// emitted: <c>false</c>, <c>len(result) == 1 &amp;&amp; result[0] OP NUMBER</c>, or its negation. The length guard makes an
/// empty or multi-series answer satisfy neither condition, so missing evidence never advances and never rolls back by itself.
/// </summary>
internal static class ArgoCondition
{
    /// <summary>A condition that never holds: as a failureCondition it turns "not successful" into Inconclusive (pause).</summary>
    public const string Never = "false";

    /// <summary>True while the metric satisfies <paramref name="condition"/>.</summary>
    public static string Holds(Condition condition) => Expression(condition.Comparison, condition.Threshold);

    /// <summary>True while the metric does not satisfy <paramref name="condition"/> (and one value was measured).</summary>
    public static string Fails(Condition condition) => Expression(Negate(condition.Comparison), condition.Threshold);

    /// <summary>True unless one value was measured and it satisfies <paramref name="condition"/>: missing data counts as not holding.</summary>
    public static string NotHolding(Condition condition) => "!(" + Holds(condition) + ")";

    private static string Expression(Comparison comparison, double threshold) =>
        "len(result) == 1 && result[0] " + ConditionText.Symbol(comparison) + " " + Invariant.Number(threshold);

    private static Comparison Negate(Comparison comparison) => comparison switch
    {
        Comparison.Below => Comparison.AtLeast,
        Comparison.AtMost => Comparison.Above,
        Comparison.Above => Comparison.AtMost,
        _ => Comparison.Below,
    };

}
