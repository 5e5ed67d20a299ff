using System;
using System.Linq;
using CheckoutService.Specs;
using Rollout.Dsl;

// Builds the sample plans at run time and prints one; the build writes the same files (see README).
var plans = new RolloutPlan[] { NewCheckoutFlow.Plan(), ContactDeduplication.Plan(), DarkModeToggle.Plan() };
var id = args.Length > 0 ? args[0] : "new-checkout-flow";
var plan = plans.FirstOrDefault(p => p.Id == id);
if (plan is null)
{
    Console.Error.WriteLine($"No sample plan '{id}'. Known: {string.Join(", ", plans.Select(p => p.Id))}.");
    return 2;
}

Console.Write(plan.ToRunbook());
Console.Write(plan.ToJson());
foreach (var finding in plan.Validate()) Console.Error.WriteLine(finding);
return 0;
