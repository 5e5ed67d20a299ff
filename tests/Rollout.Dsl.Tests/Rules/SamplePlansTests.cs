using CheckoutService.Specs;
using Rollout.Dsl;

namespace Rollout.Dsl.Tests.Rules;

public class SamplePlansTests
{
    public static TheoryData<string> SampleIds => new() { "new-checkout-flow", "contact-dedup-job", "dark-mode-toggle" };

    public static RolloutPlan Sample(string id) => id switch
    {
        "new-checkout-flow" => NewCheckoutFlow.Plan(),
        "contact-dedup-job" => ContactDeduplication.Plan(),
        "dark-mode-toggle" => DarkModeToggle.Plan(),
        _ => throw new System.ArgumentException(id),
    };

    [Theory]
    [MemberData(nameof(SampleIds))]
    public void Samples_are_ready(string id)
    {
        Assert.Empty(Sample(id).Validate());
    }
}
