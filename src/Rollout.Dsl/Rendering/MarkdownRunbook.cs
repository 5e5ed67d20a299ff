namespace Rollout.Dsl.Rendering;

public static class MarkdownRunbook
{
    public static string Render(RolloutPlan plan) => throw new System.NotImplementedException();
}
