using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rollout.TestSupport;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>Targeting keys <c>&lt;Prefix&gt;0</c> … <c>&lt;Prefix&gt;(Count-1)</c>, each evaluated with context attribute <c>groups</c> = <see cref="Groups"/>.</summary>
public sealed record KeyPopulation(string Prefix, int Count, params string[] Groups);

/// <summary>flagd-core's answer for one definition file: whether its schema accepted it, and per population one char a key (1 on, 0 off, E error).</summary>
public sealed record FlagdAnswer(bool Valid, string? Error, IReadOnlyList<string> Populations);

/// <summary>
/// Runs flagd's reference evaluator, @openfeature/flagd-core (tools/flagd-eval/evaluate.js, installed by
/// scripts/install-test-services.sh), over flag definition files: strict schema validation, then one boolean
/// evaluation per targeting key. Nothing is computed here; every answer is flagd-core's.
/// </summary>
public static class FlagdEvaluator
{
    public static string ToolFolder => Path.Combine(RepoPaths.Root, "tools", "flagd-eval");

    public static string Evaluator { get; private set; } = "";

    public static IReadOnlyList<FlagdAnswer> Evaluate(string flag, IReadOnlyList<string> files, params KeyPopulation[] populations) =>
        Evaluate(files.Select(f => (f, flag)).ToList(), populations);

    /// <summary>Each file with its own flag key.</summary>
    public static IReadOnlyList<FlagdAnswer> Evaluate(IReadOnlyList<(string File, string Flag)> files, params KeyPopulation[] populations)
    {
        if (!File.Exists(Path.Combine(ToolFolder, "node_modules", "@openfeature", "flagd-core", "package.json")))
        {
            throw new InvalidOperationException("flagd's evaluator is not installed in tools/flagd-eval/node_modules; run scripts/install-test-services.sh");
        }
        var request = new JsonObject
        {
            ["files"] = new JsonArray(files.Select(f => (JsonNode)new JsonObject { ["file"] = f.File, ["flag"] = f.Flag }).ToArray()),
            ["populations"] = new JsonArray(populations.Select(p => (JsonNode)new JsonObject
            {
                ["prefix"] = p.Prefix,
                ["count"] = p.Count,
                ["groups"] = new JsonArray(p.Groups.Select(g => (JsonNode)g).ToArray()),
            }).ToArray()),
        };
        var start = new ProcessStartInfo("node", Path.Combine(ToolFolder, "evaluate.js"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start; run scripts/install-test-services.sh");
        process.StandardInput.Write(request.ToJsonString());
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("tools/flagd-eval/evaluate.js failed (exit " + process.ExitCode + "): " + stderr.Result);
        var answer = JsonNode.Parse(stdout)!;
        Evaluator = (string)answer["evaluator"]!;
        return answer["results"]!.AsArray().Select(r => new FlagdAnswer(
            (bool)r!["valid"]!,
            (string?)r["error"],
            r["populations"]!.AsArray().Select(p => (string)p!).ToList())).ToList();
    }
}
