using System.Linq;
using CheckoutService.Specs;
using Rollout.Dsl;
using Rollout.Generators.Tests.Infrastructure;

namespace Rollout.Generators.Tests.Generation;

/// <summary>What the generator renders from a spec equals, byte for byte, what the runtime builders render.</summary>
public class DifferentialTests
{
    [Fact]
    public void Samples_render_at_build_time_exactly_as_at_run_time()
    {
        var artifacts = SpecCompilation.Run(Samples.SpecFiles()).BuildArtifacts();

        var runtime = new RolloutPlan[] { NewCheckoutFlow.Plan(), ContactDeduplication.Plan(), DarkModeToggle.Plan() };
        Assert.Equal(runtime.Select(p => p.Id).OrderBy(id => id), artifacts.Keys.OrderBy(id => id));
        foreach (var plan in runtime)
        {
            Assert.Equal(plan.ToRunbook(), artifacts[plan.Id].RunbookMarkdown);
            Assert.Equal(plan.ToJson(), artifacts[plan.Id].PlanJson);
        }
    }

    [Theory]
    [InlineData(nameof(TestSpecs.ConstantsAndForms), 3)]
    [InlineData(nameof(TestSpecs.Hostile), 1)]
    public void Test_specs_render_at_build_time_exactly_as_at_run_time(string name, int plans)
    {
        var source = (string)typeof(TestSpecs).GetField(name)!.GetValue(null)!;
        var compilation = SpecCompilation.Run(("/src/Service/Specs/" + name + ".cs", source));

        var artifacts = compilation.BuildArtifacts();
        var runtime = compilation.RunSpecsAtRunTime();

        Assert.Equal(plans, runtime.Count);
        Assert.Equal(runtime.Select(p => p.Id).OrderBy(id => id), artifacts.Keys.OrderBy(id => id));
        foreach (var plan in runtime)
        {
            Assert.Equal(plan.ToRunbook(), artifacts[plan.Id].RunbookMarkdown);
            Assert.Equal(plan.ToJson(), artifacts[plan.Id].PlanJson);
        }
    }

    [Fact]
    public void The_source_of_a_plan_is_the_spec_member_and_file_name_only()
    {
        var compilation = SpecCompilation.Run(("/home/someone/repo/src/Specs/Forms.cs", TestSpecs.ConstantsAndForms));
        var json = compilation.BuildArtifacts()["return-form"].PlanJson;

        Assert.Contains("\"ReturnForm\"", json);
        Assert.Contains("\"Forms.cs\"", json);
        Assert.DoesNotContain("/home/someone", json);
    }
}
