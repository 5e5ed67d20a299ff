using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Dsl;

namespace Rollout.Plans;

/// <summary>Something wrong with a plan document, at a JSON path (findings notation; empty for the whole document).</summary>
public sealed record PlanProblem(string Path, string Message);

/// <summary>A plan file read into the model: the name the user gave, its text and the plan.</summary>
public sealed record LoadedPlan(string File, string Json, RolloutPlan Plan);

/// <summary>
/// Finds and loads plan files for every host (the rollout tool, gates, exports, a service's own code): read the file, parse JSON, check schemaVersion, check the schema,
/// read the model. Anything that stops a plan from being used is a <see cref="PlanFileException"/> naming the file and path.
/// </summary>
public static class PlanFiles
{
    /// <summary>The file name pattern the build writes.</summary>
    public const string Pattern = "*.plan.json";

    /// <summary>Files as given, folders as their <c>*.plan.json</c> files (ordinal order). A folder without plans is an error.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = Directory.GetFiles(input, Pattern, SearchOption.TopDirectoryOnly)
                    .OrderBy(path => path, StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    throw new PlanFileException(input + ": folder holds no " + Pattern + " files; pass the rollout/ folder the build writes, or plan files.");
                }
                files.AddRange(found);
            }
            else if (File.Exists(input)) files.Add(input);
            else throw new PlanFileException(input + ": no such file or folder; pass a <plan-id>.plan.json file or a folder holding them.");
        }
        return files;
    }

    /// <summary>The plan in <paramref name="file"/>; the first problem of any kind is a <see cref="PlanFileException"/>.</summary>
    public static LoadedPlan Load(string file)
    {
        var (plan, problems) = TryLoad(file);
        if (plan is not null && problems.Count == 0) return plan;
        var first = problems[0];
        throw PlanFileException.At(file, first.Path, first.Message + Hint(problems.Count));
    }

    /// <summary>
    /// Every schema problem of the document (for <c>validate</c>, which lists them all) and the plan when the document
    /// can still be read into the model despite them (e.g. an id the schema rejects, so rule ROLL016 can say why).
    /// A file that cannot be read, is not JSON or has another schemaVersion is still a <see cref="PlanFileException"/>.
    /// </summary>
    public static (LoadedPlan? Plan, IReadOnlyList<PlanProblem> Problems) TryLoad(string file)
    {
        var json = ReadText(file);
        using var document = Parse(file, json);
        var root = document.RootElement;
        CheckVersion(file, root);
        var problems = PlanSchema.Check(root);
        try
        {
            return (new LoadedPlan(file, json, PlanJsonReader.Read(root)), problems);
        }
        catch (PlanFormatException problem)
        {
            return (null, problems.Count > 0 ? problems : [new PlanProblem(problem.Path, problem.Message)]);
        }
    }

    private static string ReadText(string file) =>
        InputText.Read(file, "a <plan-id>.plan.json file", "pass a <plan-id>.plan.json file the build wrote");

    private static JsonDocument Parse(string file, string json) =>
        InputText.ParseJson(file, json, "Fix the file or take it again from the build's rollout/ folder.");

    private static void CheckVersion(string file, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new PlanFileException(file + ": not a plan: the document is not a JSON object.");
        if (!root.TryGetProperty(PlanProperty.SchemaVersion, out var version))
        {
            throw PlanFileException.At(file, "", "not a plan: no schemaVersion; pass a <plan-id>.plan.json file the build wrote.");
        }
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != Rollout.Dsl.Rendering.JsonPlanWriter.SchemaVersion)
        {
            throw PlanFileException.At(file, PlanProperty.SchemaVersion, "version " + version.GetRawText() + " is not supported; this tool reads version 1. Use the rollout tool that matches the package which wrote the plan.");
        }
    }

    private static string Hint(int count) =>
        count > 1 ? " (" + (count - 1).ToString(CultureInfo.InvariantCulture) + " more; rollout validate lists them all)" : "";
}
