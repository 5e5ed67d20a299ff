using System;
using System.Security.Cryptography;
using System.Text;
using Rollout.Dsl;

namespace Rollout.Run;

/// <summary>A plan's identity for state and audit: its id and <c>sha256:</c> of its canonical JSON (what the build writes), so reformatting the file changes nothing and any change of meaning changes the hash.</summary>
public static class PlanIdentities
{
    public static PlanIdentity Of(RolloutPlan plan) =>
        new(plan.Id, "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(plan.ToJson()))).ToLowerInvariant());
}
