using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Rollout.Cli.Tests.Docs;

/// <summary>
/// One command a page documents inside a fenced code block: <c>$ rollout ...</c> (or <c>$ cat FILE</c>) with the
/// lines printed after it and, when a <c>$ echo $?</c> follows, the exit code; or a bare <c>rollout ...</c> line of a
/// <c>```sh</c> example (no output shown: it must run and exit 0). Continuation lines ending in <c>\</c> are joined.
/// </summary>
public sealed record DocumentedCommand(string File, int Line, string CommandLine, string? Output, int? ExitCode)
{
    /// <summary>"README.md:321" — how a test case is named.</summary>
    public override string ToString() => File + ":" + Line;

    /// <summary>Every documented command of README.md and docs/*.md (relative paths, '/' separated), in file order.</summary>
    public static IReadOnlyList<DocumentedCommand> All()
    {
        var files = new[] { "README.md" }
            .Concat(Directory.GetFiles(RepoPaths.Combine("docs"), "*.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/')))
            .Where(f => !f.StartsWith("docs/rules/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);
        return files.SelectMany(f => Parse(f, System.IO.File.ReadAllText(RepoPaths.Combine(f)).Replace("\r\n", "\n"))).ToList();
    }

    public static IEnumerable<DocumentedCommand> Parse(string file, string text)
    {
        var lines = text.Split('\n');
        var inBlock = false;
        var shell = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                // A bare command line (no "$ ") counts only in a shell block; in a text block it is printed output.
                shell = inBlock && lines[i].TrimStart().TrimStart('`').Trim() is "sh" or "bash" or "shell";
                continue;
            }
            if (!inBlock) continue;
            var line = lines[i];
            var prompted = line.StartsWith("$ ", StringComparison.Ordinal);
            var body = prompted ? line.Substring(2) : line;
            if (!(body.StartsWith("rollout ", StringComparison.Ordinal) || (prompted && body.StartsWith("cat ", StringComparison.Ordinal)))) continue;
            if (!prompted && !shell) continue;
            var start = i;
            var command = new StringBuilder(body.TrimEnd());
            while (command.Length > 0 && command[command.Length - 1] == '\\' && i + 1 < lines.Length)
            {
                command.Length--;
                command.Append(' ').Append(lines[++i].Trim());
            }
            if (!prompted)
            {
                yield return new DocumentedCommand(file, start + 1, Normalize(command.ToString()), null, null);
                continue;
            }
            var output = new StringBuilder();
            int? exit = null;
            while (i + 1 < lines.Length && !lines[i + 1].TrimStart().StartsWith("```", StringComparison.Ordinal) && !lines[i + 1].StartsWith("$ ", StringComparison.Ordinal))
            {
                output.Append(lines[++i]).Append('\n');
            }
            if (i + 2 < lines.Length && lines[i + 1] == "$ echo $?" && int.TryParse(lines[i + 2], out var code))
            {
                exit = code;
                i += 2;
            }
            yield return new DocumentedCommand(file, start + 1, Normalize(command.ToString()), output.ToString(), exit);
        }
    }

    private static string Normalize(string command) => string.Join(' ', command.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
