using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using Rollout.Dsl;
using Rollout.Dsl.Rendering;
using Rollout.Dsl.Rules;
using Rollout.Dsl.Text;
using Rollout.Reading;

namespace Rollout.Generators;

/// <summary>The C# the generator adds. User strings only ever appear as escaped string literals.</summary>
internal static class GeneratedSource
{
    public const string CatalogHintName = "Rollout.Generated.RolloutCatalog.g.cs";

    public const string MarkerHintName = "Rollout.Generated.GeneratorRun.g.cs";

    /// <summary>Renders a readable spec; a failure of the renderers becomes the spec's ROLL103, never an exception.</summary>
    public static RenderedPlan Render(EvaluatedSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Failure is not null || spec.Plan is not { } plan)
        {
            return new RenderedPlan(spec.SpecName, null, spec.HintName, null, spec.Place, spec.Failure);
        }
        try
        {
            return new RenderedPlan(spec.SpecName, plan.Id, spec.HintName, ForPlan(plan, cancellationToken), spec.Place, null);
        }
        catch (Exception exception)
        {
            HostFailure.RethrowIfCancellation(exception);
            return new RenderedPlan(spec.SpecName, plan.Id, spec.HintName, null, spec.Place, HostFailure.Message(spec.SpecName, "rendered", exception));
        }
    }

    private static string ForPlan(RolloutPlan plan, CancellationToken cancellationToken)
    {
        // The rules run once; both renderers show the same findings.
        var findings = RuleCatalog.Evaluate(plan);
        var runbook = MarkdownRunbook.Render(plan, findings);
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonPlanWriter.Write(plan, findings);
        var id = UnicodeText.ReplaceLoneSurrogates(plan.Id);
        // Sized for the text and a little escaping, so the builder does not grow (and copy) while the literals are written.
        var source = new StringBuilder(Prologue.Length + id.Length + runbook.Length + json.Length + (runbook.Length + json.Length) / 4 + 64)
            .Append(Prologue);
        // Metadata keeps strings as UTF-8: an id with a lone surrogate (already ROLL016) is embedded repaired, as the runbook and JSON are.
        CSharpStringLiteral.Append(source, id).Append(",\n    ");
        CSharpStringLiteral.Append(source, runbook).Append(",\n    ");
        CSharpStringLiteral.Append(source, json).Append(")]\n");
        return source.ToString();
    }

    private const string Prologue = "[assembly: global::Rollout.Dsl.RolloutPlanArtifactAttribute(\n    ";

    /// <summary>
    /// How many files the plans are spread over. Roslyn re-adds every generated file on every run and checks each
    /// hint name against all earlier ones, so one file per plan cost a share of every keystroke that grew with the
    /// square of the plans (half the rerun at 1,000 specs, profiled; docs/performance.md). A fixed number keeps that
    /// constant, and a plan's file depends only on its spec's name, so adding a spec moves no other plan.
    /// </summary>
    public const int PlanFileCount = 16;

    /// <summary>The hint name of plan file <paramref name="index"/>: Rollout.Plans.00.g.cs ... Rollout.Plans.15.g.cs.</summary>
    public static string PlanFileHintName(int index) => "Rollout.Plans." + index.ToString("D2", CultureInfo.InvariantCulture) + ".g.cs";

    /// <summary>The file a spec's plan goes to: a stable hash of the spec's name (type and method), so copies and overloads share it.</summary>
    public static int PlanFileOf(string specName) => (int)(StableHash(specName) % PlanFileCount);

    /// <summary>
    /// The plan files that hold at least one plan, in index order: each plan's assembly attribute in declaration
    /// order, after a comment with the plan's own name (<see cref="PlanNames"/>).
    /// </summary>
    public static IEnumerable<(string HintName, string Source)> PlanFiles(IReadOnlyList<RenderedPlan> specs)
    {
        var files = new List<(string Name, string Source)>?[PlanFileCount];
        foreach (var (name, spec) in PlanNames(specs)) (files[PlanFileOf(spec.SpecName)] ??= new()).Add((name, spec.Source!));
        for (var index = 0; index < PlanFileCount; index++)
        {
            if (files[index] is not { } plans) continue;
            // Sized first: a file holds a sixteenth of the plans' text (hundreds of kilobytes), written once, never regrown.
            var length = PlanFileHeader.Length;
            foreach (var (name, source) in plans) length += name.Length + 4 + source.Length;
            var file = new StringBuilder(length).Append(PlanFileHeader);
            foreach (var (name, source) in plans) file.Append("// ").Append(name).Append('\n').Append(source);
            yield return (PlanFileHintName(index), file.ToString());
        }
    }

    private const string PlanFileHeader = "// <auto-generated/>\n";

    /// <summary>
    /// Every rendered plan with a name unique in the compilation (the comment above its attribute; each plan's hint name
    /// before the plans were grouped into files): two specs with one name (a copy-pasted method, overloads) keep the first
    /// name and add ".2", ".3"... in declaration order.
    /// </summary>
    public static IEnumerable<(string HintName, RenderedPlan Plan)> PlanNames(IReadOnlyList<RenderedPlan> specs)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in specs)
        {
            if (spec.Source is null) continue;
            var name = spec.HintName;
            for (var n = 2; !used.Add(name); n++)
            {
                name = spec.HintName.Substring(0, spec.HintName.Length - ".g.cs".Length) + "." + n.ToString(CultureInfo.InvariantCulture) + ".g.cs";
            }
            yield return (name, spec);
        }
    }

    /// <summary>The marker the build step needs before it changes the artifacts folder (see <see cref="Dsl.RolloutGeneratorRunAttribute"/>).</summary>
    public static string Marker(int specCount, int planCount) =>
        "// <auto-generated/>\n[assembly: global::Rollout.Dsl.RolloutGeneratorRunAttribute("
        + specCount.ToString(CultureInfo.InvariantCulture) + ", " + planCount.ToString(CultureInfo.InvariantCulture) + ")]\n";

    /// <summary>A plan's name from the spec's name: stable, and safe as a file name and in a comment; <see cref="PlanNames"/> makes it unique (copies, overloads).</summary>
    public static string HintNameFor(string specName)
    {
        var name = new StringBuilder("Rollout.Plan.");
        foreach (var character in specName.Replace("global::", ""))
        {
            name.Append(character is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' ? character : '_');
        }
        return name.Append('.').Append(StableHash(specName).ToString("x8", CultureInfo.InvariantCulture)).Append(".g.cs").ToString();
    }

    public const string Catalog = """
        // <auto-generated/>
        #nullable enable
        namespace Rollout.Generated
        {
            /// <summary>The rollout plans of this assembly, rendered at build time by RolloutDsl.</summary>
            [global::System.CodeDom.Compiler.GeneratedCode("Rollout.Generators", "1")]
            internal static class RolloutCatalog
            {
                /// <summary>Every plan, ordered by id, with its runbook (Markdown) and plan (JSON).</summary>
                public static global::System.Collections.Generic.IReadOnlyList<global::Rollout.Dsl.RolloutPlanArtifactAttribute> Plans =>
                    global::Rollout.Dsl.RolloutPlanArtifacts.Of(typeof(RolloutCatalog).Assembly);

                /// <summary>The plan with this id, or null.</summary>
                public static global::Rollout.Dsl.RolloutPlanArtifactAttribute? Find(string planId)
                {
                    foreach (var plan in Plans)
                    {
                        if (plan.PlanId == planId) return plan;
                    }
                    return null;
                }
            }
        }

        """;

    private static uint StableHash(string text)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var character in text) hash = (hash ^ character) * 16777619u;
            return hash;
        }
    }
}
