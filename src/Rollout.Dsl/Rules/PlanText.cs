namespace Rollout.Dsl.Rules;

/// <summary>How rule messages name plans and stages.</summary>
internal static class PlanText
{
    public static string Plan(RolloutPlan plan) => "Plan '" + plan.Id + "'";

    public static string Stage(Stage stage, int index) =>
        "stage '" + stage.Name + "' (#" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
}
