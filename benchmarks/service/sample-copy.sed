# Copy __N__ of a committed sample spec (benchmarks/build.sh, ServiceCompilation.cs): its own namespace, under the
# one that holds CheckoutQueries, and its own plan id. ServiceCompilation.SampleCopy applies the same two substitutions.
s/^namespace CheckoutService\.Specs;/namespace CheckoutService.Specs.Copy__N__;/
s/RolloutPlan\.Create("\([^"]*\)")/RolloutPlan.Create("\1-__N__")/
