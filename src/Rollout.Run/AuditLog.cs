using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Rollout.Run;

/// <summary>
/// The audit log: JSONL, one <see cref="AuditEntry"/> a line, only ever appended. An entry whose id is already in the
/// log is not written again, which is what lets a resumed run replay its journal without duplicating a line.
/// </summary>
public sealed class AuditLog
{
    public AuditLog(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    /// <summary>The default for a state file: the state's path with <c>.audit.jsonl</c> appended.</summary>
    public static string DefaultFor(string statePath) => statePath + ".audit.jsonl";

    /// <summary>Every entry's id in the log (a line cut short by a crash is no entry).</summary>
    public HashSet<string> Ids()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Read()) ids.Add(entry.Id);
        return ids;
    }

    /// <summary>The entries, in order; a line that is not a whole entry (cut short by a kill) is skipped.</summary>
    public IReadOnlyList<AuditEntry> Read()
    {
        var entries = new List<AuditEntry>();
        if (!File.Exists(Path)) return entries;
        foreach (var line in File.ReadAllLines(Path))
        {
            if (line.Length == 0) continue;
            try
            {
                if (JsonSerializer.Deserialize<AuditEntry>(line, RunJson.OneLine) is { } entry) entries.Add(entry);
            }
            catch (JsonException)
            {
            }
        }
        return entries;
    }

    /// <summary>Appends the entries not yet in the log, each as one line written with a single call.</summary>
    public void Append(IEnumerable<AuditEntry> entries)
    {
        var known = Ids();
        foreach (var entry in entries)
        {
            if (!known.Add(entry.Id)) continue;
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            // A line cut short by a kill must not swallow the next one.
            var prefix = stream.Length > 0 && !EndsWithNewline() ? "\n" : "";
            var bytes = Encoding.UTF8.GetBytes(prefix + JsonSerializer.Serialize(entry, RunJson.OneLine) + "\n");
            stream.Write(bytes);
        }
    }

    private bool EndsWithNewline()
    {
        using var read = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (read.Length == 0) return true;
        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte() == '\n';
    }
}
