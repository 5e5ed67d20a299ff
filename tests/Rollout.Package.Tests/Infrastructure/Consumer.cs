using System;
using System.IO;

namespace Rollout.Package.Tests.Infrastructure;

/// <summary>Writes a service repository as a team would have it: its own nuget.config and one PackageReference.</summary>
public static class Consumer
{
    /// <summary>
    /// Repository root files: nuget.config (cleared sources, the test feed, this machine's own sources; Rollout.Dsl only from the feed)
    /// and empty Directory.Build.props/.targets/Directory.Packages.props so nothing is inherited from folders above.
    /// </summary>
    public static void WriteRepositoryFiles(string root, PackageFixture package)
    {
        File.WriteAllText(Path.Combine(root, "nuget.config"), MachineNuGetSources.ConfigWithLocalFeed(package.Feed, PackageFixture.PackageId));
        IsolatedBuild.CutOffParentBuildFiles(root);
    }

    /// <summary>A net10.0 project whose only package is Rollout.Dsl.</summary>
    public static string WriteProject(string root, string name, PackageFixture package, bool exe, string extraItems = "")
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        var path = Path.Combine(folder, name + ".csproj");
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {(exe ? "<OutputType>Exe</OutputType>" : "")}
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Rollout.Dsl" Version="{package.Version}" />
              </ItemGroup>
            {extraItems}
            </Project>

            """);
        return folder;
    }

    /// <summary>A library with no package reference of its own: it gets Rollout.Dsl through <paramref name="referenced"/>.</summary>
    public static string WriteLibraryReferencing(string root, string name, string referenced, string source)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../{referenced}/{referenced}.csproj" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(folder, "Plans.cs"), source);
        return folder;
    }

    public static void WriteFile(string folder, string relativePath, string content)
    {
        var path = Path.Combine(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
