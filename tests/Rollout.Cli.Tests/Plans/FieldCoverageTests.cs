using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Rollout.Cli.Diff;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;
using Rollout.Export;
using Rollout.Export.Argo;
using Rollout.Export.Flagger;
using Xunit.Abstractions;

namespace Rollout.Cli.Tests.Plans;

/// <summary>
/// Every property of the plan model is consumed by every host that must know it: changed on a plan that uses every
/// part, it changes the JSON, the runbook, the diff and each export, unless that host opts out of it below with a
/// reason. A property added to the model (a new DSL element) fails here for each host that has not learnt it, by name;
/// an opt-out that no longer holds fails too, so the table stays true.
/// </summary>
public sealed class FieldCoverageTests
{
    private const string Json = "json", Runbook = "runbook", Diff = "diff", Argo = "argo", Flagger = "flagger";

    private static readonly string[] Hosts = [Json, Runbook, Diff, Argo, Flagger];

    /// <summary>(property, host) pairs a host deliberately does not follow, and why.</summary>
    private static readonly Dictionary<(string Property, string Host), string> OptOuts = new()
    {
        [("RolloutPlan.Touches", Argo)] = "decides which readiness rules apply when the plan is built; an exported plan is ready, and no engine acts on it",
        [("RolloutPlan.Touches", Flagger)] = "decides which readiness rules apply when the plan is built; an exported plan is ready, and no engine acts on it",
        [("SpecSource.Member", Argo)] = "where the spec was written is in the plan file; the manifests name the plan by its id",
        [("SpecSource.Member", Flagger)] = "where the spec was written is in the plan file; the manifests name the plan by its id",
        [("SpecSource.File", Argo)] = "where the spec was written is in the plan file; the manifests name the plan by its id",
        [("SpecSource.File", Flagger)] = "where the spec was written is in the plan file; the manifests name the plan by its id",
        [("PointOfNoReturn.Moment", Flagger)] = "a moment puts the point before the first stage, which Flagger refuses (ExportCommandTests); this test exports without it",
    };

    private readonly ITestOutputHelper _log;

    public FieldCoverageTests(ITestOutputHelper log) => _log = log;

    [Fact]
    public void Every_model_property_reaches_every_host_or_is_opted_out_with_a_reason()
    {
        var plan = Samples.EveryPart;
        var before = Outputs(plan);
        Assert.All(new[] { before[Argo], before[Flagger] }, yaml => Assert.DoesNotContain("refused:", yaml, StringComparison.Ordinal));
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (property, mutated) in Mutants(plan))
        {
            if (!seen.Add(property)) continue;
            var after = Outputs((RolloutPlan)mutated);
            foreach (var host in Hosts)
            {
                var reacts = host == Diff ? PlanComparer.Compare(plan, (RolloutPlan)mutated).Count > 0 : before[host] != after[host];
                var optedOut = OptOuts.ContainsKey((property, host));
                _log.WriteLine(property + " " + host + ": " + (reacts ? "follows" : "ignores") + (optedOut ? " (opted out)" : ""));
                if (!reacts && !optedOut) problems.Add(property + " is ignored by " + host + ": teach it, or opt out with a reason");
                if (reacts && optedOut) problems.Add(property + " is opted out of " + host + " but " + host + " follows it: remove the opt-out");
            }
        }
        var unknown = OptOuts.Keys.Select(k => k.Property).Where(p => !seen.Contains(p)).Distinct().ToList();
        problems.AddRange(unknown.Select(p => p + " is opted out but no such property was found"));
        Assert.True(seen.Count > 30, "only " + seen.Count + " properties were mutated; the plan should use every part");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static Dictionary<string, string> Outputs(RolloutPlan plan) => new()
    {
        [Json] = plan.ToJson(),
        [Runbook] = plan.ToRunbook(),
        [Diff] = "",
        [Argo] = Export(() => ArgoExport.Export(Ready(plan), Options).ToYaml()),
        [Flagger] = Export(() => FlaggerExport.Export(WithoutMoment(Ready(plan)), Options).ToYaml()),
    };

    /// <summary>The plan without its sign-off (a finding that makes the plan not ready, which every export refuses).</summary>
    private static RolloutPlan Ready(RolloutPlan plan) =>
        plan.Authority is { } authority ? plan with { Authority = authority with { SignOff = EquatableList<Role>.Empty } } : plan;

    /// <summary>
    /// The plan with its point of no return at a stage only: a moment puts the point before the first stage, and Flagger
    /// refuses such a plan (it would roll back past the point), so every change would read as the same refusal.
    /// </summary>
    private static RolloutPlan WithoutMoment(RolloutPlan plan) =>
        plan.PointOfNoReturn is { } point ? plan with { PointOfNoReturn = point with { Moment = null } } : plan;

    private static readonly KubernetesOptions Options = new() { PrometheusAddress = "http://prometheus.monitoring:9090", Replicas = 10 };

    private static string Export(Func<string> export)
    {
        try
        {
            return export();
        }
        catch (ExportException refused)
        {
            return "refused: " + refused.Message;
        }
    }

    /// <summary>Per property reachable from <paramref name="value"/> ("Stage.Observe"): a copy of <paramref name="value"/> with that property changed.</summary>
    private static IEnumerable<(string Property, object Mutated)> Mutants(object value)
    {
        var type = value.GetType();
        var clone = type.GetMethod("<Clone>$") ?? throw new InvalidOperationException(type.Name + " is not a record");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0))
        {
            var current = property.GetValue(value);
            foreach (var (name, changed) in Changes(current, property.PropertyType, type.Name + "." + property.Name))
            {
                var copy = clone.Invoke(value, null)!;
                property.SetValue(copy, changed);
                yield return (name, copy);
            }
        }
    }

    /// <summary>Other values for one property: itself changed, or (for records and lists) each property inside it changed.</summary>
    private static IEnumerable<(string Property, object? Changed)> Changes(object? current, Type type, string name)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) { yield return (name, (string?)current + "-changed"); yield break; }
        if (underlying == typeof(double)) { yield return (name, current is double d && !double.IsNaN(d) ? d + 1.5 : 2.5); yield break; }
        if (underlying == typeof(bool)) { yield return (name, !(bool)(current ?? false)); yield break; }
        if (underlying == typeof(TimeSpan)) { yield return (name, (TimeSpan)(current ?? TimeSpan.Zero) + TimeSpan.FromMinutes(7)); yield break; }
        if (underlying.IsEnum)
        {
            var values = Enum.GetValues(underlying);
            var index = current is null ? 0 : Array.IndexOf(values, current);
            yield return (name, values.GetValue((index + 1) % values.Length));
            yield break;
        }
        if (current is null) throw new InvalidOperationException(name + " is not set on the plan that should use every part; set it in Samples.EveryPart");
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(EquatableList<>))
        {
            var list = (IList)((IEnumerable)current).Cast<object>().ToList();
            if (list.Count == 0) throw new InvalidOperationException(name + " is empty on the plan that should use every part; give it an element in Samples.EveryPart");
            var element = underlying.GetGenericArguments()[0];
            var setItem = underlying.GetMethod("SetItem", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!;
            foreach (var (inner, changed) in Changes(list[0], element, name))
            {
                yield return (inner, setItem.Invoke(current, [0, changed]));
            }
            yield break;
        }
        foreach (var mutant in Mutants(current)) yield return mutant;
    }
}
