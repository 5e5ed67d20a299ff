using System;
using System.IO;
using Rollout.Build;
using Rollout.TestSupport;

namespace Rollout.Generators.Tests.Build;

/// <summary>
/// A service project wired to this repository's build outputs the way the package wires a consumer (its
/// buildTransitive props/targets, the DSL, the generator, the build task), for real `dotnet build`s without a pack.
/// </summary>
internal static class SourceBuiltService
{
    /// <summary>Writes Service.csproj into <paramref name="service"/>; <paramref name="withAnalyzers"/> adds the analyzers as well.</summary>
    public static void WriteProject(TempFolder service, string extraProperties = "", bool withAnalyzers = false)
    {
        var bin = AppContext.BaseDirectory;
        var targets = RepoPaths.Combine("src", "Rollout.Package", "buildTransitive");
        var analyzerItem = "";
        if (withAnalyzers)
        {
            var configuration = bin.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var analyzers = RepoPaths.Combine("src", "Rollout.Analyzers", "bin", configuration, "netstandard2.0", "Rollout.Analyzers.dll");
            Assert.True(File.Exists(analyzers), "build src/Rollout.Analyzers first: " + analyzers);
            analyzerItem = $"""<Analyzer Include="{analyzers}" />""";
        }
        IsolatedBuild.CutOffParentBuildFiles(service.Path);
        service.Write("Service.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{targets}/Rollout.Dsl.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                {extraProperties}
                <RolloutBuildTaskAssembly>{typeof(ArtifactFolder).Assembly.Location}</RolloutBuildTaskAssembly>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{Path.Combine(bin, "Rollout.Dsl.dll")}" />
                <Analyzer Include="{Path.Combine(bin, "Rollout.Generators.dll")}" />
                {analyzerItem}
              </ItemGroup>
              <Import Project="{targets}/Rollout.Dsl.targets" />
            </Project>
            """);
    }
}
