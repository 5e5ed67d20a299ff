using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Rollout.TestSupport;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>The phase Argo Rollouts gives one measurement (v1alpha1.AnalysisPhase).</summary>
public enum MeasurementPhase
{
    Successful,
    Failed,
    Inconclusive,
    Error,
}

/// <summary>
/// Argo Rollouts' verdict on one Prometheus measurement, computed by the real expr library: .tools/argo-expr
/// (tools/argo-expr/main.go, built by scripts/install-test-services.sh) reproduces metricproviders/prometheus
/// processResponse (a vector becomes []float64, NaN kept) and utils/evaluate EvaluateResult / EvalCondition.
/// One process serves the whole test run; answers are cached by request.
/// </summary>
public static class ArgoMeasurement
{
    public static string ToolPath => Path.Combine(RepoPaths.Root, ".tools", "argo-expr");

    private static readonly object Gate = new();
    private static readonly Dictionary<string, MeasurementPhase> Cache = new(StringComparer.Ordinal);
    private static Process? _process;
    private static string? _version;

    /// <summary>"expr 1.8.9": the library version the evaluator was built against.</summary>
    public static string Version
    {
        get
        {
            lock (Gate)
            {
                if (_version is not null) return _version;
                RequireTool();
                using var process = Process.Start(new ProcessStartInfo(ToolPath, "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
                _version = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                return _version;
            }
        }
    }

    /// <summary>The phase of a measurement whose Prometheus answer is the vector <paramref name="result"/> (null: an evaluation with no vector at all).</summary>
    public static MeasurementPhase Phase(string? successCondition, string? failureCondition, params double[]? result)
    {
        var values = result is null ? "scalar:NaN" : "[" + string.Join(",", result.Select(Text)) + "]";
        var request = Clean(successCondition) + "\t" + Clean(failureCondition) + "\t" + values;
        lock (Gate)
        {
            if (Cache.TryGetValue(request, out var cached)) return cached;
            var process = Running();
            process.StandardInput.Write(request + "\n");
            process.StandardInput.Flush();
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException(ToolPath + " ended without answering '" + request + "'.");
            var phase = line switch
            {
                "Successful" => MeasurementPhase.Successful,
                "Failed" => MeasurementPhase.Failed,
                "Inconclusive" => MeasurementPhase.Inconclusive,
                _ when line.StartsWith("Error ", StringComparison.Ordinal) => MeasurementPhase.Error,
                _ => throw new InvalidOperationException(ToolPath + " answered '" + line + "' to '" + request + "'."),
            };
            Cache[request] = phase;
            return phase;
        }
    }

    private static string Clean(string? condition) =>
        condition is null ? "" : condition.Contains('\t') || condition.Contains('\n') ? throw new ArgumentException("A condition with a tab or newline cannot be sent: " + condition) : condition;

    private static string Text(double value) => double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    private static void RequireTool()
    {
        if (!File.Exists(ToolPath))
            throw new InvalidOperationException("The Argo condition evaluator " + ToolPath + " is missing: run scripts/install-test-services.sh (it installs Go and expr from apt and builds it).");
    }

    private static Process Running()
    {
        if (_process is { HasExited: false }) return _process;
        RequireTool();
        _process = Process.Start(new ProcessStartInfo(ToolPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        return _process;
    }
}
