using Rollout.Dsl.Text;

namespace Rollout.Dsl;

/// <summary>How conditions and thresholds read, in rule messages, runbooks and tool output alike.</summary>
public static class ConditionText
{
    /// <summary>A threshold with its unit: "0.1 %", "400 ms", "0".</summary>
    public static string Threshold(double value, MetricUnit unit) => unit switch
    {
        MetricUnit.Percent => Invariant.Number(value) + " %",
        MetricUnit.Milliseconds => Invariant.Number(value) + " ms",
        _ => Invariant.Number(value),
    };

    /// <summary>"&lt;", "&lt;=", "&gt;", "&gt;=".</summary>
    public static string Symbol(Comparison comparison) => comparison switch
    {
        Comparison.Below => "<",
        Comparison.AtMost => "<=",
        Comparison.Above => ">",
        Comparison.AtLeast => ">=",
        _ => EnumText.Undefined(comparison),
    };

    /// <summary>"error_rate &lt; 0.1 %".</summary>
    public static string Describe(Condition condition) =>
        (condition.Metric?.Name ?? "(no metric)") + " " + Symbol(condition.Comparison) + " " + Threshold(condition.Threshold, condition.Metric?.Unit ?? MetricUnit.Count);
}
