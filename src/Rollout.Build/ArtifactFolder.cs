using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Rollout.Dsl;

namespace Rollout.Build;

/// <summary>What one write of the artifacts folder did.</summary>
public sealed class ArtifactWriteResult
{
    public List<string> Files { get; } = new();

    public List<string> Written { get; } = new();

    public List<string> Removed { get; } = new();

    public List<string> Errors { get; } = new();
}

/// <summary>
/// Keeps the artifacts folder equal to the embedded plans: writes a file only when its content changed,
/// removes files of plans that are gone (only files it wrote, as listed in its manifest), never writes outside the folder.
/// </summary>
public static class ArtifactFolder
{
    public const string ManifestName = ".rollout-artifacts";
    public const string RunbookSuffix = ".runbook.md";
    public const string PlanSuffix = ".plan.json";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static ArtifactWriteResult Sync(IReadOnlyList<EmbeddedPlan> plans, string folder)
    {
        var result = new ArtifactWriteResult();
        var root = Path.GetFullPath(folder);
        if (!root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)) root += Path.DirectorySeparatorChar;

        var wanted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in plans.GroupBy(p => p.PlanId, StringComparer.Ordinal))
        {
            if (!PlanId.IsValid(group.Key))
            {
                result.Errors.Add("plan id '" + Printable(group.Key) + "' is not a valid file name (" + PlanId.Pattern + ", at most " + PlanId.MaxLength + " characters); no artifacts were written for it");
                continue;
            }
            if (group.Count() > 1)
            {
                result.Errors.Add("plan id '" + group.Key + "' is defined " + group.Count() + " times in this assembly; give each plan its own id");
                continue;
            }
            var plan = group.Single();
            wanted[plan.PlanId + RunbookSuffix] = plan.RunbookMarkdown;
            wanted[plan.PlanId + PlanSuffix] = plan.PlanJson;
        }
        if (result.Errors.Count > 0) return result;

        var manifestPath = Path.Combine(root, ManifestName);
        var previous = File.Exists(manifestPath) ? ReadManifest(manifestPath) : new List<string>();
        if (wanted.Count == 0 && previous.Count == 0) return result;

        Directory.CreateDirectory(root);
        foreach (var pair in wanted)
        {
            var path = Inside(root, pair.Key);
            result.Files.Add(path);
            if (WriteIfChanged(path, pair.Value)) result.Written.Add(path);
        }

        foreach (var name in previous.Where(n => !wanted.ContainsKey(n)))
        {
            if (!IsArtifactName(name)) continue;
            var path = Inside(root, name);
            if (!File.Exists(path)) continue;
            File.Delete(path);
            result.Removed.Add(path);
        }

        // The manifest doubles as the build target's output stamp, so it is refreshed on every run.
        WriteAtomically(manifestPath, string.Concat(wanted.Keys.Select(k => k + "\n")));
        result.Files.Add(manifestPath);
        return result;
    }

    private static bool IsArtifactName(string name) =>
        (name.EndsWith(RunbookSuffix, StringComparison.Ordinal) && PlanId.IsValid(name.Substring(0, name.Length - RunbookSuffix.Length)))
        || (name.EndsWith(PlanSuffix, StringComparison.Ordinal) && PlanId.IsValid(name.Substring(0, name.Length - PlanSuffix.Length)));

    private static List<string> ReadManifest(string path) =>
        File.ReadAllText(path, Utf8).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static string Inside(string root, string name)
    {
        var path = Path.GetFullPath(Path.Combine(root, name));
        if (!path.StartsWith(root, StringComparison.Ordinal) || Path.GetDirectoryName(path) + Path.DirectorySeparatorChar != root)
        {
            throw new InvalidOperationException("refusing to write '" + name + "' outside " + root);
        }
        return path;
    }

    private static bool WriteIfChanged(string path, string content)
    {
        var bytes = Utf8.GetBytes(content);
        if (File.Exists(path) && File.ReadAllBytes(path).SequenceEqual(bytes)) return false;
        WriteAtomically(path, bytes);
        return true;
    }

    private static void WriteAtomically(string path, string content) => WriteAtomically(path, Utf8.GetBytes(content));

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            if (File.Exists(path)) File.Replace(temporary, path, destinationBackupFileName: null);
            else File.Move(temporary, path);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static string Printable(string text) =>
        new string(text.Take(60).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
