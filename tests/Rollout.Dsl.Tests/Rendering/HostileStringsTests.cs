using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rollout.Dsl.Dialects;
using Rollout.Dsl.Text;

namespace Rollout.Dsl.Tests.Rendering;

/// <summary>Every user string of a plan is hostile; JSON and Markdown must stay valid, exact (JSON) and inert.</summary>
public class HostileStringsTests
{
    private const string Evil =
        " \"quoted\" 'single'\nnext line\r\nCRLF\rCR | pipe ` tick ``` fence <script>alert(1)</script> \"]; end --> s0 "
        + "../../etc/passwd\n# heading\n- item\n1. one\n\u2028sep\u2029 \t tab \u0000 nul \u007f \u0085 😀 lone:\ud800: tail:\udc00 "
        + "\\ back & amp; &lt; <!-- * _x_ [link](javascript:alert(1)) ![i](x) %% $x$ ~~s~~ #quot; #35; <br/> | ";

    private static readonly string[] Sections =
    {
        "## If things go wrong", "## Stages at a glance", "## Stages", "## Stop-loss", "## How gates and stop-losses are measured", "## Rollback", "## Data repair",
        "## Point of no return", "## Authority", "## Readiness checklist", "## Where this plan came from",
    };

    private static RolloutPlan Build(Func<string, string> text) =>
        RolloutPlan.Create("hostile-strings", specMember: text("member"), specFile: "C:\\src\\..\\" + text("file"))
            .Title(text("title"))
            .Owner(text("owner"))
            .Touches(Surface.PersistentData, Surface.DatabaseSchema)
            .Measure(Signal.Count(text("metric")), "sum(increase(x[$window])) # " + text("query"))
            .Stage(text("stage one"), s => s
                .Traffic(1, text("audience"))
                .Observe(TimeSpan.FromMinutes(30))
                .AdvanceWhen(Signal.Count(text("metric")).AtMost(0), Signal.ErrorRate.Below(0.1))
                .OverrideBy(Role.Named(text("stage override"))))
            .Stage(text("stage two"), s => s.Traffic(100).After(TimeSpan.FromHours(24), text("note")))
            .StopLoss(Signal.Count(text("metric")).Above(5), StopLossAction.Rollback)
            .StopLoss(Signal.Percent(text("percent metric")).AtLeast(1), StopLossAction.Halt)
            .Rollback(r => r
                .Config(text("flag"), TimeSpan.FromSeconds(5), when: text("config when"))
                .Code(TimeSpan.FromMinutes(10), text("artifact"))
                .DataRepair(text("script"), owner: text("repair owner"), takes: TimeSpan.FromHours(4), when: text("repair when"), scope: text("scope"))
                .Schema(text("down migration"), TimeSpan.FromMinutes(20), runbook: text("schema runbook"))
                .SchemaIrreversible(text("irreversible runbook"), when: text("irreversible when")))
            .PointOfNoReturn(p => p.AfterStage(text("stage one")).At(text("moment")).ForwardFix(text("forward fix"), owner: text("fix owner")))
            .Authority(a => a
                .MayTrigger(Role.Named(text("trigger role")), Trigger.StopLossCrossed)
                .MayTrigger(Role.OnCall, Trigger.AnyReason)
                .MayOverride(Role.Named(text("override role")))
                .Announce(text("channel"), TimeSpan.FromMinutes(5), include: text("include"))
                .Inform(Role.Named(text("informed role")))
                .RequireSignOff(Role.Named(text("sign-off role"))));

    private static RolloutPlan Hostile() => Build(field => field + Evil);

    private static RolloutPlan Benign() => Build(field => field);

    private static string Written(string value) => UnicodeText.ReplaceLoneSurrogates(value).Replace("\r\n", "\n").Replace('\r', '\n');

    [Fact]
    public void Json_is_valid_utf8_and_schema_valid()
    {
        var json = Hostile().ToJson();

        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        Assert.Equal(json, strictUtf8.GetString(strictUtf8.GetBytes(json)));
        PlanSchema.AssertValid(json);
    }

    [Fact]
    public void Json_is_inert_when_embedded_in_html()
    {
        var json = Hostile().ToJson();

        foreach (var c in new[] { '<', '>', '&', '\u2028', '\u2029', '\r', '\0', '\u0085' }) Assert.DoesNotContain(c, json);
        Assert.Contains("\\u003Cscript\\u003E", json);
        Assert.Contains("\\uFFFD", json);
    }

    [Fact]
    public void Json_round_trips_every_string()
    {
        var plan = Hostile();
        using var document = JsonDocument.Parse(plan.ToJson());
        var root = document.RootElement;
        void Same(string? expected, JsonElement actual) => Assert.Equal(Written(expected!), actual.GetString());

        Same(plan.Title, root.GetProperty("title"));
        Same(plan.Owner, root.GetProperty("owner"));
        Same(plan.Source!.Member, root.GetProperty("source").GetProperty("member"));
        Same(plan.Source.File, root.GetProperty("source").GetProperty("file"));
        Assert.DoesNotContain("\\", plan.Source.File);

        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            var json = root.GetProperty("stages")[i];
            Same(stage.Name, json.GetProperty("name"));
            if (stage.Audience is not null) Same(stage.Audience, json.GetProperty("traffic").GetProperty("audience"));
            if (stage.After?.Note is not null) Same(stage.After.Note, json.GetProperty("after").GetProperty("note"));
            for (var g = 0; g < stage.AdvanceWhen.Count; g++) Same(stage.AdvanceWhen[g].Metric.Name, json.GetProperty("advanceWhen")[g].GetProperty("metric"));
            for (var r = 0; r < stage.OverrideBy.Count; r++) Same(stage.OverrideBy[r].Name, json.GetProperty("overrideBy")[r]);
        }
        for (var i = 0; i < plan.StopLosses.Count; i++)
        {
            Same(plan.StopLosses[i].When.Metric.Name, root.GetProperty("stopLoss")[i].GetProperty("when").GetProperty("metric"));
        }
        for (var i = 0; i < plan.Rollback.Count; i++)
        {
            var step = plan.Rollback[i];
            var json = root.GetProperty("rollback")[i];
            Same(step.Target, json.GetProperty("target"));
            foreach (var (name, value) in new[] { ("when", step.When), ("owner", step.Owner), ("runbook", step.Runbook), ("scope", step.Scope) })
            {
                if (value is null) Assert.False(json.TryGetProperty(name, out _), name + " should be omitted");
                else Same(value, json.GetProperty(name));
            }
        }

        var point = plan.PointOfNoReturn!;
        var pointJson = root.GetProperty("pointOfNoReturn");
        Same(point.AfterStage, pointJson.GetProperty("afterStage"));
        Same(point.Moment, pointJson.GetProperty("moment"));
        Same(point.ForwardFix, pointJson.GetProperty("forwardFix"));
        Same(point.Owner, pointJson.GetProperty("owner"));

        var authority = plan.Authority!;
        var authorityJson = root.GetProperty("authority");
        for (var i = 0; i < authority.Triggers.Count; i++) Same(authority.Triggers[i].Role.Name, authorityJson.GetProperty("mayTrigger")[i].GetProperty("role"));
        Same(authority.Overrides[0].Name, authorityJson.GetProperty("mayOverride")[0]);
        Same(authority.Informed[0].Name, authorityJson.GetProperty("inform")[0]);
        Same(authority.SignOff[0].Name, authorityJson.GetProperty("signOff")[0]);
        Same(authority.Announcement!.Channel, authorityJson.GetProperty("announce").GetProperty("channel"));
        Same(authority.Announcement.Include, authorityJson.GetProperty("announce").GetProperty("include"));

        var findings = plan.Validate();
        var findingsJson = root.GetProperty("readiness").EnumerateArray().SelectMany(r => r.GetProperty("findings").EnumerateArray()).ToList();
        Assert.Equal(findings.Count, findingsJson.Count);
        for (var i = 0; i < findings.Count; i++) Same(findings[i].Message, findingsJson[i].GetProperty("message"));
    }

    [Fact]
    public void Runbook_has_no_live_html_and_no_broken_lines()
    {
        var runbook = WithoutQueries(Hostile().ToRunbook());
        var outsideDiagram = WithoutDiagram(runbook);

        Assert.DoesNotContain("<script", runbook, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('<', outsideDiagram);
        Assert.DoesNotContain('>', outsideDiagram);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", outsideDiagram);
        foreach (var c in new[] { '\r', '\u2028', '\u2029', '\0', '\u0085', '\t' }) Assert.DoesNotContain(c, runbook);
        Assert.DoesNotContain('\ud800', runbook);
        Assert.Equal(2, runbook.Split('\n').Count(line => line.StartsWith("```", StringComparison.Ordinal)));
    }

    [Fact]
    public void Runbook_keeps_the_shape_of_the_same_plan_with_plain_strings()
    {
        // The readiness checklist lists what each plan fails, and hostile text fails ROLL025 too: compared on its own below.
        var hostile = WithoutReadiness(WithoutQueries(Hostile().ToRunbook())).Split('\n');
        var benign = WithoutReadiness(WithoutQueries(Benign().ToRunbook())).Split('\n');

        Assert.Equal(benign.Length, hostile.Length);
        for (var i = 0; i < benign.Length; i++)
        {
            // Same kind of line at every position: heading, table row, list item, fence or text.
            Assert.True(Kind(benign[i]) == Kind(hostile[i]), "line " + (i + 1) + ": " + hostile[i]);
            if (benign[i].StartsWith("## ", StringComparison.Ordinal)) Assert.Equal(benign[i], hostile[i]);
        }
        Assert.Single(hostile, line => line.StartsWith("# ", StringComparison.Ordinal));
        Assert.All(hostile.Where(line => line.StartsWith("## ", StringComparison.Ordinal)), line => Assert.Contains(line, Sections));
    }

    [Fact]
    public void Every_table_row_has_as_many_cells_as_its_header()
    {
        var lines = Hostile().ToRunbook().Split('\n');
        var tables = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("|", StringComparison.Ordinal) || (i > 0 && lines[i - 1].StartsWith("|", StringComparison.Ordinal))) continue;
            tables++;
            var header = Pipes(lines[i]);
            for (var row = i + 1; row < lines.Length && lines[row].StartsWith("|", StringComparison.Ordinal); row++)
            {
                Assert.True(Pipes(lines[row]) == header, "row " + (row + 1) + " has " + Pipes(lines[row]) + " cell separators, header " + header + ": " + lines[row]);
            }
        }
        Assert.Equal(4, tables);
    }

    [Fact]
    public void Runbook_text_has_no_unescaped_markdown_syntax_from_user_strings()
    {
        var outsideDiagram = WithoutDiagram(WithoutQueries(Hostile().ToRunbook()));
        var withoutPathCode = Regex.Replace(outsideDiagram, @"`[A-Za-z0-9_.\[\]]+`", "");

        for (var i = 0; i < withoutPathCode.Length; i++)
        {
            var c = withoutPathCode[i];
            if (c is not ('`' or '[' or ']' or '$' or '~' or '#')) continue;
            if (c == '#' && (i == 0 || withoutPathCode[i - 1] is '\n' or '#')) continue;
            if (c == '#' && i > 0 && withoutPathCode[i - 1] == '&') continue;
            if (c == '#' && string.CompareOrdinal(withoutPathCode, i - 2, "| # |", 0, 5) == 0) continue;
            if (IsOwnLink(withoutPathCode, i)) continue;
            Assert.True(i > 0 && withoutPathCode[i - 1] == '\\', "unescaped '" + c + "' at " + i + ": " + Around(withoutPathCode, i));
        }
    }

    [Fact]
    public void Mermaid_labels_hold_no_user_syntax()
    {
        var runbook = Hostile().ToRunbook();
        var diagram = Diagram(runbook);
        var node = new Regex("^    (s[0-9]+|g[0-9]+|ok|sl|rb|hl)(\\[\\[|\\[/|\\(\\[|\\{\\{|\\[|\\{)\"(?<label>[^\"]*)\"(\\]\\]|/\\]|\\]\\)|\\}\\}|\\]|\\})$");
        var edge = new Regex("^    (s[0-9]+|g[0-9]+|sl|hl) (-->|-\\.->\\|(crossed|if needed)\\||-->\\|(pass|roll back|halt)\\|) (s[0-9]+|g[0-9]+|ok|sl|rb|hl)$");
        var safeLabel = new Regex("^([^\"<>&#;\\[\\]{}|`\\\\]|#[a-z0-9]+;|<br/>)*$");

        Assert.Equal("flowchart TD", diagram[0]);
        foreach (var line in diagram.Skip(1))
        {
            var match = node.Match(line);
            if (match.Success) Assert.Matches(safeLabel, match.Groups["label"].Value);
            else Assert.Matches(edge, line);
        }
        Assert.DoesNotContain("\"];", string.Join("\n", diagram).Replace("\"]\n", "\n"));
        Assert.Contains(diagram, line => line.Contains("#quot;#93;#59; end --#62; s0", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_query_block_holds_the_query_verbatim_and_nothing_in_it_closes_the_block()
    {
        var plan = Hostile();
        var runbook = plan.ToRunbook();
        var expected = Written(PrometheusDialect.QueryOver(plan.Measurements[0], TimeSpan.FromMinutes(30)))
            .Replace('\t', ' ').Replace('\0', ' ').Replace('\u007f', ' ').Replace('\u0085', ' ').Replace('\u2028', ' ').Replace('\u2029', ' ');
        var blocks = QueryBlocks(runbook);

        // Stop-loss 1 (5 min window) and the stage-one gate (30 min) use the measured metric.
        Assert.Equal(2, blocks.Count);
        Assert.Contains(expected, blocks);
        Assert.Contains(expected.Replace("[30m]", "[5m]"), blocks);
        Assert.Contains("<script>alert(1)</script>", expected);
    }

    /// <summary>The content of every ```promql block, found the way a CommonMark reader does: a closing fence is at least as long as the opening one.</summary>
    private static List<string> QueryBlocks(string runbook)
    {
        var blocks = new List<string>();
        var lines = runbook.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Regex.Match(lines[i], "^(`{3,})promql$");
            if (!open.Success) continue;
            var fence = open.Groups[1].Value;
            var end = i + 1;
            while (end < lines.Length && !Regex.IsMatch(lines[end], "^ {0,3}`{" + fence.Length + ",} *$")) end++;
            Assert.True(end < lines.Length && lines[end] == fence, "the block at line " + (i + 1) + " is closed early or not at all");
            blocks.Add(string.Join("\n", lines.Skip(i + 1).Take(end - i - 1)));
            i = end;
        }
        return blocks;
    }

    /// <summary>The runbook without its query blocks, which hold user text verbatim on purpose (inert inside a fence).</summary>
    private static string WithoutReadiness(string runbook) =>
        Regex.Replace(runbook, "^## Readiness checklist\n(?:(?!## ).*\n)*", "## Readiness checklist\n", RegexOptions.Multiline);

    [Fact]
    public void Hostile_text_fails_ROLL025_and_each_finding_is_one_list_item_in_the_checklist()
    {
        var findings = Hostile().Validate().Where(f => f.RuleId == "ROLL025").ToList();
        Assert.True(findings.Count >= 20, "hostile text in every field should fail ROLL025 once per field; found " + findings.Count);
        Assert.DoesNotContain(Benign().Validate(), f => f.RuleId == "ROLL025");
        var lines = Hostile().ToRunbook().Split('\n');
        var rule = Array.FindIndex(lines, line => line.StartsWith("- ❌ **ROLL025**", StringComparison.Ordinal));
        Assert.True(rule >= 0, "the checklist does not list ROLL025 as failed");
        var items = lines.Skip(rule + 1).TakeWhile(line => line.StartsWith("  - ", StringComparison.Ordinal)).ToList();
        Assert.Equal(findings.Count, items.Count);
        Assert.All(items, item => Assert.EndsWith(")", item, StringComparison.Ordinal));
    }

    private static string WithoutQueries(string runbook) =>
        Regex.Replace(runbook, "^(`{3,})promql\n(?:.*\n)*?\\1\n", "", RegexOptions.Multiline);

    private static int Pipes(string row)
    {
        var count = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) count++;
        }
        return count;
    }

    private static string Kind(string line) =>
        line.StartsWith("#", StringComparison.Ordinal) ? "heading"
        : line.StartsWith("|", StringComparison.Ordinal) ? "table"
        : line.StartsWith("```", StringComparison.Ordinal) ? "fence"
        : line.TrimStart().StartsWith("- ", StringComparison.Ordinal) ? "item"
        : line.Length == 0 ? "blank"
        : "text";

    private static string[] Diagram(string runbook)
    {
        var lines = runbook.Split('\n');
        var start = Array.IndexOf(lines, "```mermaid");
        var end = Array.IndexOf(lines, "```", start + 1);
        return lines.Skip(start + 1).Take(end - start - 1).ToArray();
    }

    private static string WithoutDiagram(string runbook)
    {
        var start = runbook.IndexOf("```mermaid\n", StringComparison.Ordinal);
        var end = runbook.IndexOf("\n```\n", start, StringComparison.Ordinal);
        return runbook.Substring(0, start) + runbook.Substring(end + 5);
    }

    // The runbook's own cross-references, e.g. [Rollback](#rollback).
    private static bool IsOwnLink(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', index) + 1;
        var lineEnd = text.IndexOf('\n', index);
        var line = text.Substring(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart);
        return Regex.Matches(line, @"\[[A-Za-z -]+\]\(\#[a-z-]+\)").Any(m => index - lineStart >= m.Index && index - lineStart < m.Index + m.Length);
    }

    private static string Around(string text, int index) =>
        text.Substring(Math.Max(0, index - 30), Math.Min(60, text.Length - Math.Max(0, index - 30)));
}
