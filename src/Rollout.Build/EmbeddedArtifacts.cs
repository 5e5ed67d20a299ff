using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Rollout.Build;

/// <summary>One plan's artifacts as the generator embedded them in a compiled assembly.</summary>
public sealed record EmbeddedPlan(string PlanId, string RunbookMarkdown, string PlanJson);

/// <summary>
/// Reads <c>[assembly: Rollout.Dsl.RolloutPlanArtifact(id, runbook, json)]</c> from an assembly's metadata.
/// Nothing is loaded or executed.
/// </summary>
public static class EmbeddedArtifacts
{
    private const string AttributeNamespace = "Rollout.Dsl";
    private const string AttributeName = "RolloutPlanArtifactAttribute";

    public static IReadOnlyList<EmbeddedPlan> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        return Read(stream);
    }

    public static IReadOnlyList<EmbeddedPlan> Read(Stream assembly)
    {
        using var pe = new PEReader(assembly, PEStreamOptions.LeaveOpen);
        if (!pe.HasMetadata) throw new BadImageFormatException("The file has no .NET metadata.");
        var metadata = pe.GetMetadataReader();
        var plans = new List<EmbeddedPlan>();
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (!IsArtifactAttribute(metadata, attribute.Constructor)) continue;
            var value = attribute.DecodeValue(StringOnlyTypes.Instance);
            if (value.FixedArguments.Length != 3) continue;
            plans.Add(new EmbeddedPlan(
                (string?)value.FixedArguments[0].Value ?? "",
                (string?)value.FixedArguments[1].Value ?? "",
                (string?)value.FixedArguments[2].Value ?? ""));
        }
        return plans;
    }

    private static bool IsArtifactAttribute(MetadataReader metadata, EntityHandle constructor)
    {
        if (constructor.Kind != HandleKind.MemberReference) return false;
        var parent = metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference) return false;
        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return metadata.StringComparer.Equals(type.Name, AttributeName)
            && metadata.StringComparer.Equals(type.Namespace, AttributeNamespace);
    }

    /// <summary>The attribute takes three strings; any other argument type is not ours.</summary>
    private sealed class StringOnlyTypes : ICustomAttributeTypeProvider<Type>
    {
        public static readonly StringOnlyTypes Instance = new();

        public Type GetPrimitiveType(PrimitiveTypeCode typeCode) =>
            typeCode == PrimitiveTypeCode.String ? typeof(string) : typeof(object);

        public Type GetSystemType() => typeof(Type);

        public Type GetSZArrayType(Type elementType) => elementType.MakeArrayType();

        public Type GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => typeof(object);

        public Type GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => typeof(object);

        public Type GetTypeFromSerializedName(string name) => typeof(object);

        public PrimitiveTypeCode GetUnderlyingEnumType(Type type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(Type type) => type == typeof(Type);
    }
}
