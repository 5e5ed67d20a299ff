namespace Rollout.Dsl.Rendering;

public static class JsonPlanWriter
{
    public static string Write(RolloutPlan plan) => throw new System.NotImplementedException();
}
