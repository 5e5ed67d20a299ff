using System.Linq;
using System.Text.Json;
using Rollout.Dsl;

namespace Rollout.Export.Flags;

/// <summary>
/// One stage of a plan (or its rollback) as a Microsoft.FeatureManagement <c>feature_management</c> configuration: the
/// flag with the <c>Microsoft.Targeting</c> filter, its audience's groups at 100 % and <c>DefaultRolloutPercentage</c>
/// the stage's share of everyone. The filter buckets a user by a hash of user id and flag name (a percentage fixed
/// per user), so raising the percentage only adds users; the rollback is the flag disabled.
/// </summary>
public static class FeatureManagementExport
{
    public const string Engine = "feature-management";

    public const string TargetingFilter = "Microsoft.Targeting";

    public static FlagExportResult Export(RolloutPlan plan, FlagExportRequest request)
    {
        var (flag, exposure, warnings) = FlagPlan.Resolve(plan, request);
        var json = FlagJson.Write(w => Write(w, flag, exposure));
        return new FlagExportResult(Engine, plan.Id, flag, exposure, warnings.ToList(), json);
    }

    private static void Write(Utf8JsonWriter json, string flag, FlagExposure exposure)
    {
        json.WriteStartObject();
        json.WriteStartObject("feature_management");
        json.WriteStartArray("feature_flags");
        json.WriteStartObject();
        json.WriteString("id", flag);
        json.WriteBoolean("enabled", !exposure.Nobody);
        if (!exposure.Everyone && !exposure.Nobody)
        {
            json.WriteStartObject("conditions");
            json.WriteStartArray("client_filters");
            json.WriteStartObject();
            json.WriteString("name", TargetingFilter);
            json.WriteStartObject("parameters");
            json.WriteStartObject("Audience");
            json.WriteStartArray("Groups");
            foreach (var group in exposure.Groups)
            {
                json.WriteStartObject();
                json.WriteString("Name", group);
                json.WriteNumber("RolloutPercentage", 100);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("DefaultRolloutPercentage", exposure.SharePercent);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
