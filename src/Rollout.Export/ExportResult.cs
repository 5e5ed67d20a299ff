using System.Collections.Generic;
using System.Linq;
using Rollout.Export.Yaml;

namespace Rollout.Export;

/// <summary>How a plan element fared in the export.</summary>
public enum ExportWarningKind
{
    /// <summary>The engine runs something close to, but not exactly, what the plan says (<c>--strict</c> refuses it).</summary>
    Approximation,
    /// <summary>The engine cannot act on it; it is kept word for word in an annotation for the people on call.</summary>
    NotExpressed,
    /// <summary>How the export keeps a promise of the plan the engine has no word for (the point of no return).</summary>
    Guarantee,
}

/// <summary>One thing the reader of an export must know; <paramref name="Subject"/> names the plan element.</summary>
public sealed record ExportWarning(ExportWarningKind Kind, string Subject, string Message)
{
    public string KindName => Kind switch
    {
        ExportWarningKind.Approximation => "approximation",
        ExportWarningKind.NotExpressed => "not-expressed",
        _ => "guarantee",
    };

    public override string ToString() => KindName + " " + Subject + ": " + Message;
}

/// <summary>One Kubernetes object of an export.</summary>
public sealed record ExportedObject(string ApiVersion, string Kind, string Name, YamlMap Manifest);

/// <summary>The one file an export writes (Kubernetes YAML or a flag configuration), and what the reader must know about it.</summary>
public interface IExportFile
{
    string Engine { get; }

    string PlanId { get; }

    /// <summary>The file's name in the output folder.</summary>
    string FileName { get; }

    IReadOnlyList<ExportWarning> Warnings { get; }

    /// <summary>The file's text.</summary>
    string Text();

    /// <summary>What the file holds, in a few words for the command's summary line.</summary>
    string Describe();
}

/// <summary>The manifests for one plan on one engine, and what the reader must know about them.</summary>
public sealed record ExportResult(string Engine, string PlanId, IReadOnlyList<ExportedObject> Objects, IReadOnlyList<ExportWarning> Warnings) : IExportFile
{
    /// <summary>The file the command writes: every object of the plan in one multi-document YAML file.</summary>
    public string FileName => FileNameOf(PlanId, Engine);

    /// <summary>The name of the manifests file of plan <paramref name="planId"/> for <paramref name="engine"/>.</summary>
    public static string FileNameOf(string planId, string engine) => planId + "." + engine + ".yaml";

    public bool HasApproximations => Warnings.Any(w => w.Kind == ExportWarningKind.Approximation);

    public string Text() => ToYaml();

    public string Describe() => string.Join(", ", Objects.GroupBy(o => o.Kind).Select(g => g.Count() + " " + g.Key));

    /// <summary>The file's text: a comment header with the warnings, then one document per object (templates first).</summary>
    public string ToYaml()
    {
        var header = new List<string>
        {
            "Exported from rollout plan '" + PlanId + "' for " + Engine + " by `rollout export`. Edit the plan, not this file.",
        };
        if (Warnings.Count > 0) header.Add("Warnings (also kept in the annotations):");
        header.AddRange(Warnings.Select(w => "- " + w));
        return YamlText.Write(Objects.Select(o => (YamlNode)o.Manifest).ToList(), header);
    }
}

/// <summary>One file given whole, for a target whose output needs no type of its own.</summary>
public sealed record ExportFile(string Engine, string PlanId, string FileName, string Content, string Summary, IReadOnlyList<ExportWarning> Warnings) : IExportFile
{
    public string Text() => Content;

    public string Describe() => Summary;
}
