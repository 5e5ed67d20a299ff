using System;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Rollout.Build;

/// <summary>
/// MSBuild task: after compile, reads the plans the generator embedded in the assembly and writes
/// <c>&lt;plan-id&gt;.runbook.md</c> and <c>&lt;plan-id&gt;.plan.json</c> into the artifacts folder.
/// Codes: ROLLB01 (a plan id unusable as a file name, or used twice), ROLLB02 (the folder could not be
/// written), ROLLB03 (a warning: the generator's marker is missing or says specs produced no plan, so
/// nothing was written or removed). Each has a page: docs/rules/ROLLB01.md ... ROLLB03.md.
/// </summary>
public sealed class WriteRolloutArtifacts : Task
{
    [Required]
    public string AssemblyPath { get; set; } = "";

    [Required]
    public string ArtifactsPath { get; set; } = "";

    public override bool Execute()
    {
        try
        {
            var content = EmbeddedArtifacts.ReadContent(AssemblyPath);
            if (content.WhyNotComplete() is { } why)
            {
                // Never delete (or half-update) what the build cannot vouch for: the folder keeps its last good state.
                Log.LogWarning(subcategory: null, warningCode: "ROLLB03", helpKeyword: null, file: AssemblyPath, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0,
                    message: "RolloutDsl: wrote and removed nothing in '" + ArtifactsPath + "': " + why + ".");
                return true;
            }
            var plans = content.Plans;
            var result = ArtifactFolder.Sync(plans, ArtifactsPath);
            foreach (var error in result.Errors)
            {
                Log.LogError(subcategory: null, errorCode: "ROLLB01", helpKeyword: null, file: AssemblyPath, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: "RolloutDsl: " + error);
            }
            if (result.Errors.Count > 0) return false;

            if (plans.Count > 0 || result.Removed.Count > 0)
            {
                Log.LogMessage(MessageImportance.High,
                    "RolloutDsl: {0} plan(s) -> {1} ({2} written, {3} unchanged, {4} removed)",
                    plans.Count, ArtifactsPath, result.Written.Count, result.Files.Count - 1 - result.Written.Count, result.Removed.Count);
            }
            foreach (var file in result.Written) Log.LogMessage(MessageImportance.Normal, "RolloutDsl: wrote {0}", file);
            foreach (var file in result.Removed) Log.LogMessage(MessageImportance.Normal, "RolloutDsl: removed {0}", file);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            Log.LogError(subcategory: null, errorCode: "ROLLB02", helpKeyword: null, file: AssemblyPath, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0,
                message: "RolloutDsl: could not write the artifacts to '" + ArtifactsPath + "': " + exception.Message);
            return false;
        }
    }
}
