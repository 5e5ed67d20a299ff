using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Rollout.Dsl;

namespace Rollout.Build;

/// <summary>What one write of the artifacts folder did; read-only to everyone but <see cref="ArtifactFolder"/>.</summary>
public sealed class ArtifactWriteResult
{
    private readonly List<string> _files = new();
    private readonly List<string> _written = new();
    private readonly List<string> _removed = new();
    private readonly List<string> _errors = new();

    /// <summary>Every file the folder now holds for the plans, the manifest last.</summary>
    public IReadOnlyList<string> Files => _files;

    public IReadOnlyList<string> Written => _written;

    public IReadOnlyList<string> Removed => _removed;

    public IReadOnlyList<string> Errors => _errors;

    internal void AddFile(string path, bool written)
    {
        _files.Add(path);
        if (written) _written.Add(path);
    }

    internal void AddRemoved(string path) => _removed.Add(path);

    internal void AddError(string error) => _errors.Add(error);
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
                result.AddError("plan id '" + Printable(group.Key) + "' is not a valid file name (" + PlanId.Pattern + ", at most " + PlanId.MaxLength + " characters); no artifacts were written for it");
                continue;
            }
            if (group.Count() > 1)
            {
                result.AddError("plan id '" + group.Key + "' is defined " + group.Count() + " times in this assembly; give each plan its own id");
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
            result.AddFile(path, written: WriteIfChanged(path, pair.Value));
        }

        foreach (var name in previous.Where(n => !wanted.ContainsKey(n)))
        {
            if (!IsArtifactName(name)) continue;
            var path = Inside(root, name);
            if (!File.Exists(path)) continue;
            File.Delete(path);
            result.AddRemoved(path);
        }

        // The manifest doubles as the build target's output stamp, so it is refreshed on every run.
        WriteAtomically(manifestPath, string.Concat(wanted.Keys.Select(k => k + "\n")));
        result.AddFile(manifestPath, written: false);
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
