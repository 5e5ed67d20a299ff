using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Rollout.Package.Tests.Infrastructure;

namespace Rollout.Package.Tests;

/// <summary>What is in Rollout.Dsl.&lt;version&gt;.nupkg, file by file. A packaging change has to change this list.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests
{
    /// <summary>Every file of the package, OPC bookkeeping aside.</summary>
    public static readonly string[] ExpectedFiles =
    {
        "PACKAGE.md",
        "Rollout.Dsl.nuspec",
        "analyzers/dotnet/cs/Rollout.Analyzers.dll",
        "analyzers/dotnet/cs/Rollout.CodeFixes.dll",
        "analyzers/dotnet/cs/Rollout.Generators.dll",
        "buildTransitive/Rollout.Build.dll",
        "buildTransitive/Rollout.Dsl.props",
        "buildTransitive/Rollout.Dsl.targets",
        "lib/netstandard2.0/Rollout.Dsl.dll",
        "lib/netstandard2.0/Rollout.Dsl.xml",
        "schemas/rollout-plan.v1.schema.json",
    };

    /// <summary>Assemblies Microsoft.CodeAnalysis itself depends on, so every compiler host has them.</summary>
    private static readonly HashSet<string> RoslynHost = new(StringComparer.Ordinal)
    {
        "System.Buffers", "System.Collections.Immutable", "System.Memory", "System.Numerics.Vectors", "System.Reflection.Metadata",
        "System.Runtime.CompilerServices.Unsafe", "System.Text.Encoding.CodePages", "System.Threading.Tasks.Extensions",
    };

    private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2012/06/nuspec.xsd";

    private readonly PackageFixture _package;
    private readonly ITestOutputHelper _log;

    public PackageContentTests(PackageFixture package, ITestOutputHelper log)
    {
        _package = package;
        _log = log;
        _log.WriteLine($"[{package.Restore.Duration.TotalSeconds,5:F1} s] {package.Restore.CommandLine} (once for all tests)");
        _log.WriteLine($"[{package.Pack.Duration.TotalSeconds,5:F1} s] {package.Pack.CommandLine} (once for all tests)");
    }

    [Fact]
    public void Package_holds_exactly_the_expected_files()
    {
        using var zip = ZipFile.OpenRead(_package.NupkgPath);
        var files = zip.Entries
            .Select(e => e.FullName)
            .Where(name => !IsOpcMetadata(name))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(ExpectedFiles, files);
    }

    [Fact]
    public void Nuspec_has_license_readme_repository_and_no_dependencies()
    {
        var metadata = NuspecMetadata();

        Assert.Equal(PackageFixture.PackageId, Value(metadata, "id"));
        Assert.Equal(_package.Version, Value(metadata, "version"));

        var license = metadata.Element(Nuspec + "license");
        Assert.NotNull(license);
        Assert.Equal("expression", (string?)license!.Attribute("type"));
        Assert.Equal(_package.LicenseExpression, license.Value);

        Assert.Equal("PACKAGE.md", Value(metadata, "readme"));
        Assert.Equal(_package.RepositoryUrl, Value(metadata, "projectUrl"));
        var repository = metadata.Element(Nuspec + "repository");
        Assert.NotNull(repository);
        Assert.Equal("git", (string?)repository!.Attribute("type"));
        Assert.Equal(_package.RepositoryUrl, (string?)repository.Attribute("url"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));

        // One framework group, empty: the parts (Roslyn plug-ins, MSBuild task) are no package dependencies.
        var dependencies = metadata.Element(Nuspec + "dependencies");
        Assert.NotNull(dependencies);
        var groups = dependencies!.Elements().ToArray();
        var group = Assert.Single(groups);
        Assert.Equal("group", group.Name.LocalName);
        Assert.Equal(".NETStandard2.0", (string?)group.Attribute("targetFramework"));
        Assert.Empty(group.Elements());

        Assert.Null(metadata.Element(Nuspec + "developmentDependency"));
        Assert.Null(metadata.Element(Nuspec + "frameworkAssemblies"));
    }

    [Fact]
    public void Package_readme_is_the_project_file()
    {
        using var zip = ZipFile.OpenRead(_package.NupkgPath);
        Assert.Equal(
            File.ReadAllText(Path.Combine(_package.RepoRoot, "src", "Rollout.Package", "PACKAGE.md")),
            ReadText(zip, "PACKAGE.md"));
        Assert.Equal(
            File.ReadAllText(Path.Combine(_package.RepoRoot, "schemas", "rollout-plan.v1.schema.json")),
            ReadText(zip, "schemas/rollout-plan.v1.schema.json"));
    }

    /// <summary>The version comes from one property: the package and every assembly in it carry it.</summary>
    [Fact]
    public void Every_assembly_carries_the_package_version()
    {
        using var zip = ZipFile.OpenRead(_package.NupkgPath);
        foreach (var name in ExpectedFiles.Where(f => f.EndsWith(".dll", StringComparison.Ordinal)))
        {
            using var assembly = Open(zip, name);
            var informational = InformationalVersion(assembly.Metadata);
            Assert.True(
                informational is not null && (informational == _package.Version || informational.StartsWith(_package.Version + "+", StringComparison.Ordinal)),
                $"{name}: AssemblyInformationalVersion '{informational}' is not package version {_package.Version}.");
        }
    }

    /// <summary>
    /// A plug-in may only reference what its host provides (netstandard, the compiler, MSBuild) or a dll beside it:
    /// nothing else is in the package, so anything else would fail to load in the user's build or editor.
    /// </summary>
    [Fact]
    public void Packaged_assemblies_reference_only_what_their_host_provides()
    {
        using var zip = ZipFile.OpenRead(_package.NupkgPath);
        var allowed = new Dictionary<string, Func<string, bool>>
        {
            ["lib/netstandard2.0/"] = reference => reference == "netstandard",
            // The compiler and the IDE load plug-ins beside Roslyn and its own dependencies (MEF for code fixes).
            ["analyzers/dotnet/cs/"] = reference => reference == "netstandard" || RoslynHost.Contains(reference)
                || reference.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                || reference.StartsWith("System.Composition", StringComparison.Ordinal),
            ["buildTransitive/"] = reference => reference is "netstandard" or "System.Collections.Immutable" or "System.Reflection.Metadata" or "System.Memory"
                || reference.StartsWith("Microsoft.Build", StringComparison.Ordinal),
        };
        foreach (var name in ExpectedFiles.Where(f => f.EndsWith(".dll", StringComparison.Ordinal)))
        {
            var folder = name.Substring(0, name.LastIndexOf('/') + 1);
            var besideIt = ExpectedFiles
                .Where(f => f.StartsWith(folder, StringComparison.Ordinal) && f.EndsWith(".dll", StringComparison.Ordinal))
                .Select(f => Path.GetFileNameWithoutExtension(f))
                .ToHashSet(StringComparer.Ordinal);
            using var assembly = Open(zip, name);
            var references = assembly.Metadata.AssemblyReferences
                .Select(h => assembly.Metadata.GetString(assembly.Metadata.GetAssemblyReference(h).Name))
                .OrderBy(r => r, StringComparer.Ordinal)
                .ToArray();
            _log.WriteLine($"{name} references {string.Join(", ", references)}");
            var unexpected = references.Where(r => !allowed[folder](r) && !besideIt.Contains(r)).ToArray();
            Assert.True(unexpected.Length == 0, $"{name} references {string.Join(", ", unexpected)}, which the package does not ship and its host does not provide.");
        }
    }

    /// <summary>Deterministic: packing the same commit again gives the same bytes.</summary>
    private static bool IsOpcMetadata(string name) =>
        name == "[Content_Types].xml"
        || name == ".signature.p7s"
        || name.StartsWith("_rels/", StringComparison.Ordinal)
        || name.StartsWith("package/services/", StringComparison.Ordinal);

    private XElement NuspecMetadata()
    {
        using var zip = ZipFile.OpenRead(_package.NupkgPath);
        var document = XDocument.Parse(ReadText(zip, PackageFixture.PackageId + ".nuspec"));
        return document.Root?.Element(Nuspec + "metadata") ?? throw new InvalidOperationException("The nuspec has no metadata element:\n" + document);
    }

    private static string? Value(XElement metadata, string name) => metadata.Element(Nuspec + name)?.Value;

    private static string ReadText(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException(name + " is not in the package.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }


    private static string? InformationalVersion(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (parent.Kind != HandleKind.TypeReference) continue;
            var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
            if (metadata.GetString(type.Name) != "AssemblyInformationalVersionAttribute") continue;
            var blob = metadata.GetBlobReader(attribute.Value);
            blob.ReadUInt16(); // prolog
            return blob.ReadSerializedString();
        }
        return null;
    }

    private static PackagedAssembly Open(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException(name + " is not in the package.");
        var bytes = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(bytes);
        bytes.Position = 0;
        return new PackagedAssembly(new PEReader(bytes));
    }

    private sealed class PackagedAssembly : IDisposable
    {
        private readonly PEReader _pe;

        public PackagedAssembly(PEReader pe)
        {
            _pe = pe;
            Metadata = pe.GetMetadataReader();
        }

        public MetadataReader Metadata { get; }

        public void Dispose() => _pe.Dispose();
    }
}
