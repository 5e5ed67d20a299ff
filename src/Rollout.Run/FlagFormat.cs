using System;
using System.Linq;
using System.Text.Json;
using Rollout.Dsl;
using Rollout.Export.Flags;

namespace Rollout.Run;

/// <summary>
/// The flag file format a run writes (<c>--target</c>), by the name the command line and the state file use: <c>flagd</c>
/// (the flagd definition JSON) or <c>feature-management</c> (the Microsoft.FeatureManagement configuration JSON). Each
/// writes what <c>rollout export</c>'s <see cref="FlagTarget"/> of that name writes, and recognises its own format in a
/// file that is already there, so a run never overwrites another system's file.
/// </summary>
public sealed class FlagFormat
{
    public static readonly FlagFormat Flagd = new(FlagTarget.Flagd, "a flagd definition (an object with \"flags\")", "flags");

    public static readonly FlagFormat FeatureManagement = new(FlagTarget.FeatureManagement, "a Microsoft.FeatureManagement configuration (an object with \"feature_management\")", "feature_management");

    private readonly FlagTarget _target;
    private readonly string _marker;

    private FlagFormat(FlagTarget target, string format, string marker)
    {
        _target = target;
        Format = format;
        _marker = marker;
    }

    /// <summary>"flagd" or "feature-management": the export target's name.</summary>
    public string Name => _target.Name;

    /// <summary>What a file of this target holds, in words.</summary>
    public string Format { get; }

    public static FlagFormat[] All => [Flagd, FeatureManagement];

    /// <summary>The target named <paramref name="name"/>; a <see cref="RunInputException"/> for any other name.</summary>
    public static FlagFormat Of(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new RunInputException("--target: '" + name + "' is not a flag target; use " + string.Join(" or ", All.Select(t => t.Name)) + ".");

    /// <summary>The flag configuration of <paramref name="plan"/> at <paramref name="stage"/> (null: the rollback, off for everyone).</summary>
    public FlagExportResult Export(RolloutPlan plan, string? flag, string? stage) => _target.Export(plan, new FlagExportRequest(flag, stage));

    /// <summary>Whether <paramref name="json"/> is this target's format: a JSON object holding the target's top-level object.</summary>
    public bool Recognises(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(_marker, out var body) && body.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
