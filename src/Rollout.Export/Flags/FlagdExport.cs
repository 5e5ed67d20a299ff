using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Rollout.Dsl;
using Rollout.Dsl.Text;

namespace Rollout.Export.Flags;

/// <summary>
/// One stage of a plan (or its rollback) as an OpenFeature flagd flag definition: a boolean flag whose targeting turns
/// it on for the stage's groups (context attribute <c>groups</c>) and for a <c>fractional</c> share of targeting keys.
/// flagd buckets a key by murmur3 of flag key + targeting key into [0, total weight) and walks the buckets in order;
/// "on" is the first bucket and the total stays <see cref="TotalWeight"/> at every stage, so the on-range only grows.
/// </summary>
public static class FlagdExport
{
    public const string Engine = "flagd";

    /// <summary>Weights are whole numbers in flagd; 10000 makes one weight unit 0.01 %.</summary>
    public const int TotalWeight = 10000;

    public static FlagExportResult Export(RolloutPlan plan, FlagExportRequest request)
    {
        var (flag, exposure, warnings) = FlagPlan.Resolve(plan, request);
        var all = warnings.ToList();
        var onWeight = OnWeight(exposure.SharePercent);
        if (onWeight != exposure.SharePercent * (TotalWeight / 100.0))
        {
            all.Insert(0, new ExportWarning(ExportWarningKind.Approximation, "stage " + exposure.Point,
                "flagd weighs buckets in whole units of 0.01 %; " + Invariant.Number(exposure.SharePercent) + " % becomes "
                + Invariant.Number(onWeight / (TotalWeight / 100.0)) + " %."));
        }
        var json = FlagJson.Write(w => Write(w, plan, flag, exposure, onWeight));
        return new FlagExportResult(Engine, plan.Id, flag, exposure, all, json);
    }

    /// <summary>The on-bucket's weight: rounded up, so a small stage is never empty.</summary>
    public static int OnWeight(double percent) => (int)Math.Min(TotalWeight, Math.Ceiling(Math.Round(percent * (TotalWeight / 100.0), 9)));

    private static void Write(Utf8JsonWriter json, RolloutPlan plan, string flag, FlagExposure exposure, int onWeight)
    {
        json.WriteStartObject();
        json.WriteString("$schema", "https://flagd.dev/schema/v0/flags.json");
        json.WriteStartObject("metadata");
        json.WriteString("rolloutPlan", plan.Id);
        json.WriteString("rolloutPoint", exposure.Point);
        json.WriteEndObject();
        json.WriteStartObject("flags");
        json.WriteStartObject(flag);
        json.WriteString("state", "ENABLED");
        json.WriteStartObject("variants");
        json.WriteBoolean("on", true);
        json.WriteBoolean("off", false);
        json.WriteEndObject();
        json.WriteString("defaultVariant", exposure.Everyone ? "on" : "off");
        if (!exposure.Everyone && !exposure.Nobody)
        {
            json.WritePropertyName("targeting");
            Targeting(json, exposure, onWeight);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Targeting(Utf8JsonWriter json, FlagExposure exposure, int onWeight)
    {
        if (exposure.Groups.Count == 0)
        {
            Fractional(json, onWeight);
            return;
        }
        // {"if": [<member of a group>, "on", <fractional share | "off">]}
        json.WriteStartObject();
        json.WriteStartArray("if");
        if (exposure.Groups.Count == 1)
        {
            InGroup(json, exposure.Groups[0]);
        }
        else
        {
            json.WriteStartObject();
            json.WriteStartArray("or");
            foreach (var group in exposure.Groups) InGroup(json, group);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteStringValue("on");
        if (onWeight > 0) Fractional(json, onWeight);
        else json.WriteStringValue("off");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void InGroup(Utf8JsonWriter json, string group)
    {
        json.WriteStartObject();
        json.WriteStartArray("in");
        json.WriteStringValue(group);
        json.WriteStartObject();
        json.WriteString("var", "groups");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Fractional(Utf8JsonWriter json, int onWeight)
    {
        json.WriteStartObject();
        json.WriteStartArray("fractional");
        Bucket(json, "on", onWeight);
        Bucket(json, "off", TotalWeight - onWeight);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Bucket(Utf8JsonWriter json, string variant, int weight)
    {
        json.WriteStartArray();
        json.WriteStringValue(variant);
        json.WriteNumberValue(weight);
        json.WriteEndArray();
    }
}
