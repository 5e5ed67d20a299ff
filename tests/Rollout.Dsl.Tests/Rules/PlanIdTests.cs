namespace Rollout.Dsl.Tests.Rules;

public class PlanIdTests
{
    [Theory]
    [InlineData("Checkout_V2", "checkout-v2")]
    [InlineData("  New   Checkout  ", "new-checkout")]
    [InlineData("-x-", "x")]
    [InlineData("already-valid-1", "already-valid-1")]
    [InlineData("___", null)]
    [InlineData("", null)]
    [InlineData("Ünïcode", "n-code")]
    public void Suggest_gives_the_nearest_valid_id_or_null(string id, string? expected)
    {
        var suggestion = PlanId.Suggest(id);

        Assert.Equal(expected, suggestion);
        if (suggestion is not null) Assert.True(PlanId.IsValid(suggestion));
    }

    [Fact]
    public void Suggest_keeps_ids_within_the_length_limit()
    {
        var suggestion = PlanId.Suggest(new string('a', 99) + "_bb");

        Assert.Equal(new string('a', 99), suggestion);
    }
}
