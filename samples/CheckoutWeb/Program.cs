using System;
using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

// The checkout endpoint of a service that ships its new flow behind NEW_CHECKOUT_ENABLED, the config rollback of the
// sample plan new-checkout-flow. It reads the flag from the file `rollout run --target feature-management` writes
// (--FlagFile, default flags/new-checkout-flow.feature-management.json) and picks up every rewrite of it without a
// restart: the run loop raises the share stage by stage and turns the flag off on a crossed stop-loss.
var builder = WebApplication.CreateBuilder(args);
var flagFile = Path.GetFullPath(builder.Configuration["FlagFile"] ?? Path.Combine("flags", "new-checkout-flow.feature-management.json"));
Directory.CreateDirectory(Path.GetDirectoryName(flagFile)!);
builder.Configuration.AddJsonFile(flagFile, optional: true, reloadOnChange: true);
builder.Services.AddFeatureManagement();

var app = builder.Build();

// GET /checkout?user=u-17[&group=internal-users]: which flow this user gets. The user id is the targeting key, so a
// user keeps the new flow from stage to stage (Microsoft.Targeting buckets on a hash of user id and flag name).
app.MapGet("/checkout", async (string user, string? group, IVariantFeatureManager features) =>
{
    var context = new TargetingContext { UserId = user, Groups = group is null ? Array.Empty<string>() : new[] { group } };
    var isNew = await features.IsEnabledAsync(Flags.NewCheckout, context);
    return Results.Json(new { user, flow = isNew ? "new" : "old" });
});

app.Run();

internal static class Flags
{
    /// <summary>The flag of the plan's config rollback (samples/CheckoutService/Specs/NewCheckoutFlow.cs).</summary>
    public const string NewCheckout = "NEW_CHECKOUT_ENABLED";
}
