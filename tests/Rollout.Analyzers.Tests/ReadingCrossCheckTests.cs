using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollout.Analyzers.Tests.Infrastructure;
using static Rollout.Analyzers.Tests.Infrastructure.Specs;

namespace Rollout.Analyzers.Tests;

/// <summary>
/// ROLL104: the analyzer reads every spec from its syntax (what the generator embeds) and from the bound body, and
/// fails the spec when they differ. Specs written the ways that trip a syntactic reader (a local that shadows a field,
/// an extension named like a DSL method, using static, aliases) agree; a fault injected into the analyzer's syntactic
/// reading (it forgets const locals) is caught.
/// </summary>
public sealed class ReadingCrossCheckTests
{
    private const string Fault = "is_global = true\nrollout_fault_injection = syntactic_reader_ignores_const_locals\n";

    /// <summary>A ready spec whose owner is a const local that shadows a field of the same name.</summary>
    private static string ShadowingSpec(string marker) => Usings
        + "public static class Specs\n{\n"
        + "    private const string Team = \"payments\";\n\n"
        + "    [RolloutSpec]\n"
        + "    public static RolloutPlan " + marker + "()\n"
        + "    {\n"
        + "        const string Team = \"checkout-team\";\n"
        + "        return " + Chain((Owner, ".Owner(Team)")) + ";\n"
        + "    }\n"
        + "}\n";

    [Fact]
    public async Task A_const_local_that_shadows_a_field_reads_the_same_both_ways()
    {
        await Verify.Analyzer(ShadowingSpec("Plan"));
    }

    [Fact]
    public async Task A_syntactic_reading_that_differs_from_the_bound_one_is_ROLL104_on_the_spec()
    {
        var test = new Verify.AnalyzerTest { TestCode = ShadowingSpec("{|ROLL104:Plan|}") };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", Fault));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_injected_fault_changes_nothing_where_no_local_shadows_anything()
    {
        var test = new Verify.AnalyzerTest { TestCode = Spec(Chain()) };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", Fault));
        await test.RunAsync();
    }

    [Theory]
    // An extension named like a DSL method: C# binds the applicable instance method, and so does the reader.
    [InlineData("public static class Ext { public static StageBuilder Traffic(this StageBuilder s, int percent) => s; }\n", "", ".Stage(\"full\", s => s.Traffic(100))")]
    // using static and an alias for a DSL type.
    [InlineData("", "using static Rollout.Dsl.Signal;\nusing Sig = Rollout.Dsl.Signal;\n", ".StopLoss(Sig.ErrorRate.Above(0.5), StopLossAction.Rollback)")]
    [InlineData("", "using static Rollout.Dsl.Signal;\n", ".StopLoss(ErrorRate.Above(0.5), StopLossAction.Rollback)")]
    // nameof, negative and widened numbers, named arguments out of order.
    [InlineData("", "", ".Rollback(r => r.Config(takes: TimeSpan.FromSeconds(+30), flag: nameof(Specs)))")]
    public async Task Specs_that_trip_a_naive_syntactic_reader_read_the_same_both_ways(string extraTypes, string extraUsings, string part)
    {
        var replaced = part.StartsWith(".Stage", System.StringComparison.Ordinal) ? Full
            : part.StartsWith(".StopLoss", System.StringComparison.Ordinal) ? StopLoss
            : Rollback;
        var source = extraUsings + Spec(Chain((replaced, part))) + extraTypes;
        await Verify.Analyzer(source);
    }
}
