using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Rollout.Build;

/// <summary>One plan's artifacts as the generator embedded them in a compiled assembly.</summary>
public sealed record EmbeddedPlan(string PlanId, string RunbookMarkdown, string PlanJson);

/// <summary>The generator's marker: it ran, saw <paramref name="SpecCount"/> specs and embedded <paramref name="PlanCount"/> plans.</summary>
public sealed record GeneratorRun(int SpecCount, int PlanCount);

/// <summary>What a compiled assembly holds for the build step: the plans, and the generator's marker if it ran.</summary>
public sealed record EmbeddedContent(IReadOnlyList<EmbeddedPlan> Plans, GeneratorRun? Run)
{
    /// <summary>
    /// Why these plans cannot be taken as the complete set of the project's plans, or null when they can.
    /// Only a complete set may change the artifacts folder: a missing plan would otherwise delete its files.
    /// </summary>
    public string? WhyNotComplete()
    {
        if (Run is null)
        {
            return "the RolloutDsl generator did not run for this assembly or failed (look for CS8785 or ROLL103 above), so it is unknown which plans the project has";
        }
        if (Run.PlanCount < Run.SpecCount)
        {
            return (Run.SpecCount - Run.PlanCount).ToString(System.Globalization.CultureInfo.InvariantCulture) + " of "
                + Run.SpecCount.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " [RolloutSpec] methods produced no plan (see the ROLL100-ROLL103 diagnostics of this build)";
        }
        if (Run.PlanCount != Plans.Count)
        {
            return "the generator reported " + Run.PlanCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + " plan(s) but the assembly holds "
                + Plans.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return null;
    }
}

/// <summary>
/// Reads <c>[assembly: Rollout.Dsl.RolloutPlanArtifact(id, runbook, json)]</c> from an assembly's metadata.
/// Nothing is loaded or executed.
/// </summary>
public static class EmbeddedArtifacts
{
    private const string AttributeNamespace = "Rollout.Dsl";
    private const string AttributeName = "RolloutPlanArtifactAttribute";

    private const string MarkerName = "RolloutGeneratorRunAttribute";

    public static IReadOnlyList<EmbeddedPlan> Read(string assemblyPath) => ReadContent(assemblyPath).Plans;

    public static IReadOnlyList<EmbeddedPlan> Read(Stream assembly) => ReadContent(assembly).Plans;

    public static EmbeddedContent ReadContent(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        return ReadContent(stream);
    }

    public static EmbeddedContent ReadContent(Stream assembly)
    {
        using var pe = new PEReader(assembly, PEStreamOptions.LeaveOpen);
        if (!pe.HasMetadata) throw new BadImageFormatException("The file has no .NET metadata.");
        var metadata = pe.GetMetadataReader();
        var plans = new List<EmbeddedPlan>();
        GeneratorRun? run = null;
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (IsAttribute(metadata, attribute.Constructor, MarkerName))
            {
                var marker = attribute.DecodeValue(StringOnlyTypes.Instance);
                if (marker.FixedArguments.Length == 2 && marker.FixedArguments[0].Value is int specs && marker.FixedArguments[1].Value is int rendered)
                {
                    run = new GeneratorRun(specs, rendered);
                }
                continue;
            }
            if (!IsAttribute(metadata, attribute.Constructor, AttributeName)) continue;
            var value = attribute.DecodeValue(StringOnlyTypes.Instance);
            if (value.FixedArguments.Length != 3) continue;
            plans.Add(new EmbeddedPlan(
                value.FixedArguments[0].Value as string ?? "",
                value.FixedArguments[1].Value as string ?? "",
                value.FixedArguments[2].Value as string ?? ""));
        }
        return new EmbeddedContent(plans, run);
    }

    private static bool IsAttribute(MetadataReader metadata, EntityHandle constructor, string name)
    {
        if (constructor.Kind != HandleKind.MemberReference) return false;
        var parent = metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference) return false;
        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return metadata.StringComparer.Equals(type.Name, name)
            && metadata.StringComparer.Equals(type.Namespace, AttributeNamespace);
    }

    /// <summary>Our attributes take strings and ints; any other argument type is not ours.</summary>
    private sealed class StringOnlyTypes : ICustomAttributeTypeProvider<Type>
    {
        public static readonly StringOnlyTypes Instance = new();

        public Type GetPrimitiveType(PrimitiveTypeCode typeCode) =>
            typeCode switch
            {
                PrimitiveTypeCode.String => typeof(string),
                PrimitiveTypeCode.Int32 => typeof(int),
                _ => typeof(object),
            };

        public Type GetSystemType() => typeof(Type);

        public Type GetSZArrayType(Type elementType) => elementType.MakeArrayType();

        public Type GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => typeof(object);

        public Type GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => typeof(object);

        public Type GetTypeFromSerializedName(string name) => typeof(object);

        public PrimitiveTypeCode GetUnderlyingEnumType(Type type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(Type type) => type == typeof(Type);
    }
}
