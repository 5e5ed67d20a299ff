using System.Globalization;
using Rollout.Dsl;
using Rollout.Gates.Backtest;

namespace Rollout.Gates.Tests.Backtest;

/// <summary>The suggested threshold: the most sensitive value with no false alarm that still catches every incident, or why none.</summary>
public sealed class ThresholdSuggestionTests
{
    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Above_suggests_the_highest_healthy_reading_rounded_up_when_that_still_catches_every_incident()
    {
        var suggestion = ThresholdSuggestion.For(Comparison.Above, Show, 0.41234, new double?[] { 3.2, 0.9 });

        Assert.Equal(0.413, suggestion.Threshold);
        Assert.Equal("> 0.413: the highest reading outside the incidents was 0.41234; every incident still crosses it (the weakest reached 0.9)", suggestion.Statement);
    }

    [Fact]
    public void Rounding_never_costs_an_incident()
    {
        // Rounding 0.41234 up to 0.413 would miss an incident that peaked at 0.4125: the exact value is kept.
        var suggestion = ThresholdSuggestion.For(Comparison.Above, Show, 0.41234, new double?[] { 0.4125 });

        Assert.Equal(0.41234, suggestion.Threshold);
    }

    [Fact]
    public void At_least_needs_a_value_past_the_healthy_extreme()
    {
        var suggestion = ThresholdSuggestion.For(Comparison.AtLeast, Show, 5, new double?[] { 9 });

        Assert.Equal(5.01, suggestion.Threshold);
        Assert.False(new Condition { Metric = new Metric { Name = "m", Unit = MetricUnit.Count }, Comparison = Comparison.AtLeast, Threshold = suggestion.Threshold!.Value }.HoldsFor(5));
    }

    [Fact]
    public void Below_is_the_mirror_image()
    {
        var suggestion = ThresholdSuggestion.For(Comparison.Below, Show, 98.76, new double?[] { 90, 95 });

        Assert.Equal(98.7, suggestion.Threshold);
        Assert.StartsWith("< 98.7: the lowest reading outside the incidents was 98.76", suggestion.Statement, System.StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_healthy_day_is_as_bad_as_an_incident_no_single_threshold_does_both()
    {
        var suggestion = ThresholdSuggestion.For(Comparison.Above, Show, 1.2, new double?[] { 5, 1.1 });

        Assert.Null(suggestion.Threshold);
        Assert.Equal("no single threshold does both: the highest reading outside the incidents (1.2) is as extreme as the weakest incident's (1.1); a threshold that catches every incident also fires on a healthy day", suggestion.Statement);
    }

    [Fact]
    public void An_incident_without_any_reading_or_no_healthy_reading_gets_no_suggestion()
    {
        Assert.Null(ThresholdSuggestion.For(Comparison.Above, Show, 0.1, new double?[] { 5, null }).Threshold);
        Assert.Contains("incident 2 has no reading at all", ThresholdSuggestion.For(Comparison.Above, Show, 0.1, new double?[] { 5, null }).Statement, System.StringComparison.Ordinal);
        Assert.Null(ThresholdSuggestion.For(Comparison.Above, Show, null, new double?[] { 5 }).Threshold);
    }

    [Fact]
    public void Without_incidents_it_only_avoids_false_alarms_and_says_so()
    {
        var suggestion = ThresholdSuggestion.For(Comparison.Above, Show, 0.25, new double?[0]);

        Assert.Equal(0.25, suggestion.Threshold);
        Assert.EndsWith("; no incident was given, so this only avoids false alarms", suggestion.Statement, System.StringComparison.Ordinal);
    }
}
