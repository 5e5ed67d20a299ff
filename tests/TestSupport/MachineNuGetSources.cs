using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text;

namespace Rollout.TestSupport;

/// <summary>
/// The package sources this machine is configured with (<c>dotnet nuget list source</c>), so a consumer's
/// nuget.config can add a local test feed without naming any registry itself.
/// </summary>
public static class MachineNuGetSources
{
    private static readonly Lazy<IReadOnlyList<string>> Enabled = new(Read);

    /// <summary>The enabled sources, in the machine's order.</summary>
    public static IReadOnlyList<string> All => Enabled.Value;

    /// <summary>
    /// A nuget.config that clears inherited sources, adds <paramref name="feed"/> for <paramref name="feedPackages"/>
    /// (package source mapping) and every machine source for everything else.
    /// </summary>
    public static string ConfigWithLocalFeed(string feed, params string[] feedPackages)
    {
        var text = new StringBuilder();
        text.AppendLine("""<?xml version="1.0" encoding="utf-8"?>""");
        text.AppendLine("<configuration>");
        text.AppendLine("  <packageSources>");
        text.AppendLine("    <clear />");
        text.AppendLine($"""    <add key="rollout-test-feed" value="{SecurityElement.Escape(feed)}" />""");
        for (var i = 0; i < All.Count; i++) text.AppendLine($"""    <add key="machine-source-{i + 1}" value="{SecurityElement.Escape(All[i])}" />""");
        text.AppendLine("  </packageSources>");
        text.AppendLine("  <packageSourceMapping>");
        text.AppendLine("""    <packageSource key="rollout-test-feed">""");
        foreach (var package in feedPackages) text.AppendLine($"""      <package pattern="{SecurityElement.Escape(package)}" />""");
        text.AppendLine("    </packageSource>");
        for (var i = 0; i < All.Count; i++)
        {
            text.AppendLine($"""    <packageSource key="machine-source-{i + 1}"><package pattern="*" /></packageSource>""");
        }
        text.AppendLine("  </packageSourceMapping>");
        text.AppendLine("</configuration>");
        return text.ToString();
    }

    private static IReadOnlyList<string> Read()
    {
        // The short format prints one source a line: a status letter (E enabled, D disabled), a space, the address.
        var listed = Command.Run(Environment.CurrentDirectory, TimeSpan.FromMinutes(1), null, "nuget", "list", "source", "--format", "short");
        if (!listed.Succeeded) throw new InvalidOperationException("Cannot read this machine's NuGet sources.\n" + listed.Describe());
        var sources = listed.Output
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
            .Select(line => line.Substring(2).Trim())
            .Where(source => source.Length > 0)
            .ToList();
        if (sources.Count == 0)
        {
            throw new InvalidOperationException("`dotnet nuget list source` lists no enabled source; consumers could not restore anything but the test feed.\n" + listed.Output);
        }
        return sources;
    }
}
