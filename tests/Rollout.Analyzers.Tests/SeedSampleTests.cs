using System;
using System.IO;
using System.Threading.Tasks;
using Rollout.Analyzers.Tests.Infrastructure;
using Rollout.TestSupport;

namespace Rollout.Analyzers.Tests;

/// <summary>The real sample specs of the repository: clean as written; one missing part gives exactly its id.</summary>
public sealed class SeedSampleTests
{
    public static TheoryData<string> Samples => new() { "NewCheckoutFlow.cs", "ContactDeduplication.cs" };

    [Theory]
    [MemberData(nameof(Samples))]
    public Task Sample_compiles_clean(string file) => Analyzer(Read(file));

    [Theory]
    [MemberData(nameof(Samples))]
    public Task Without_its_stop_losses_the_sample_gives_exactly_ROLL001(string file) =>
        Analyzer(MarkCreate(SpecEdits.RemoveCalls(Read(file), "StopLoss"), "ROLL001"));

    [Theory]
    [MemberData(nameof(Samples))]
    public Task Without_its_rollback_the_sample_gives_exactly_ROLL002(string file) =>
        Analyzer(MarkCreate(SpecEdits.RemoveCalls(Read(file), "Rollback"), "ROLL002"));

    [Theory]
    [MemberData(nameof(Samples))]
    public Task Without_its_authority_the_sample_gives_exactly_ROLL003(string file) =>
        Analyzer(MarkCreate(SpecEdits.RemoveCalls(Read(file), "Authority"), "ROLL003"));

    [Fact]
    public Task A_newcomer_who_deletes_the_checkout_stop_losses_can_apply_the_fix()
    {
        var broken = SpecEdits.RemoveCalls(Read("NewCheckoutFlow.cs"), "StopLoss");
        var end = broken.LastIndexOf(");", StringComparison.Ordinal) + 1;
        var indentation = "\n            ";
        var fixedText = broken.Substring(0, end) + indentation + ".StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)" + broken.Substring(end);
        var test = new Verify.CodeFixTest { TestCode = MarkCreate(broken, "ROLL001"), FixedCode = fixedText };
        test.TestState.Sources.Add(Queries);
        test.FixedState.Sources.Add(Queries);
        return test.RunAsync();
    }

    /// <summary>The service's shared query constants, which the specs use.</summary>
    private static (string, string) Queries => ("CheckoutQueries.cs", Read("CheckoutQueries.cs"));

    /// <summary>The analyzer over a sample spec, compiled with the service's query constants beside it.</summary>
    private static Task Analyzer(string source)
    {
        var test = new Verify.AnalyzerTest { TestCode = source };
        test.TestState.Sources.Add(Queries);
        return test.RunAsync();
    }

    internal static string Read(string file) =>
        File.ReadAllText(RepoPaths.Combine("samples", "CheckoutService", "Specs", file)).Replace("\r\n", "\n");

    /// <summary>Marks the <c>RolloutPlan.Create(...)</c> call with {|id:...|}.</summary>
    private static string MarkCreate(string source, string id)
    {
        var start = source.IndexOf("RolloutPlan.Create(", StringComparison.Ordinal);
        Assert.True(start >= 0);
        var end = SpecEdits.ClosingParenthesis(source, start + "RolloutPlan.Create".Length) + 1;
        return source.Substring(0, start) + "{|" + id + ":" + source.Substring(start, end - start) + "|}" + source.Substring(end);
    }
}

/// <summary>Text edits of real spec files, as a person would make them.</summary>
internal static class SpecEdits
{
    /// <summary>Removes every <c>.Name(...)</c> call of the chain, with the line break and indentation before it.</summary>
    public static string RemoveCalls(string source, string name)
    {
        var removed = 0;
        while (true)
        {
            var at = source.IndexOf("." + name + "(", StringComparison.Ordinal);
            if (at < 0) break;
            var end = ClosingParenthesis(source, at + 1 + name.Length) + 1;
            var start = at;
            while (start > 0 && (source[start - 1] == ' ' || source[start - 1] == '\n')) start--;
            source = source.Substring(0, start) + source.Substring(end);
            removed++;
        }
        Assert.True(removed > 0, "no ." + name + "(...) call found");
        return source;
    }

    /// <summary>The index of the ')' matching the '(' at <paramref name="open"/>; skips string and char literals.</summary>
    public static int ClosingParenthesis(string source, int open)
    {
        Assert.Equal('(', source[open]);
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '"':
                    for (i++; source[i] != '"'; i++) if (source[i] == '\\') i++;
                    break;
                case '\'':
                    for (i++; source[i] != '\''; i++) if (source[i] == '\\') i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth == 0) return i;
                    break;
            }
        }
        throw new InvalidOperationException("unbalanced parentheses");
    }
}
