using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Rollout.Run.Tests;

/// <summary>
/// The executor sits between the libraries it uses and the one host that runs it: Rollout.Run builds on the model, the
/// semantics library (every decision) and the flag exporters, never on a host (the CLI, Prometheus, plan files: those are
/// injected); and only the CLI builds on it. A reference that points the other way fails here, naming the project.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static string[] References(string project) =>
        XDocument.Load(RepoPaths.Combine("src", project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void The_executor_uses_only_the_model_the_semantics_and_the_exporters()
    {
        Assert.Equal(["Rollout.Dsl", "Rollout.Export", "Rollout.Semantics"], References("Rollout.Run"));
    }

    [Fact]
    public void Only_the_cli_uses_the_executor()
    {
        var users = Directory.GetDirectories(RepoPaths.Combine("src"))
            .Select(folder => Path.GetFileName(folder)!)
            .Where(project => File.Exists(RepoPaths.Combine("src", project, project + ".csproj")) && References(project).Contains("Rollout.Run"))
            .ToArray();

        Assert.Equal(["Rollout.Cli"], users);
    }
}
