using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Xml.Linq;
using Json.Schema;
using Rollout.Cli.Reports;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Gates.Backtest;
using Rollout.Plans;
using Xunit.Abstractions;

namespace Rollout.Cli.Tests.Backtest;

/// <summary>Chunking, the report formats and their files, and bad input, against the same three weeks of history.</summary>
public sealed class BacktestReportTests : IClassFixture<BacktestPrometheus>, IDisposable
{
    private readonly BacktestPrometheus _prometheus;
    private readonly ITestOutputHelper _log;
    private readonly TempFolder _folder = new("rollout-backtest-tests");

    public BacktestReportTests(BacktestPrometheus prometheus, ITestOutputHelper log)
    {
        _prometheus = prometheus;
        _log = log;
        _log.WriteLine("history seed: " + WeeksOfHistory.Seed);
    }

    public void Dispose() => _folder.Dispose();

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    // Four hours around the spike: a short period, one range query per measurement at the server's limit.
    private static readonly DateTimeOffset ShortFrom = WeeksOfHistory.SpikeFrom.AddHours(-2).AddSeconds(-5 * 60 + 30);
    private static readonly DateTimeOffset ShortTo = ShortFrom.AddHours(4);
    private static readonly string Spike = Iso(WeeksOfHistory.SpikeFrom) + ".." + Iso(WeeksOfHistory.SpikeTo);

    private CliResult Backtest(string plan, params string[] more)
    {
        var result = Tool.Run(new[] { "backtest", plan, "--prometheus", _prometheus.Url }.Concat(more).ToArray());
        _log.WriteLine(result.ToString());
        return result;
    }

    private string Json(BacktestOptions options)
    {
        using var http = new HttpClient();
        var result = new Backtester(http, _prometheus.Server.Address, options).RunAsync(PlanFiles.Load(_prometheus.Plan).Plan).GetAwaiter().GetResult();
        return ReportOutput.Json(new BacktestReport(result));
    }

    [Fact]
    public void A_period_cut_into_many_range_queries_gives_the_same_report_as_one_query()
    {
        var incidents = new[] { new Incident(WeeksOfHistory.SpikeFrom, WeeksOfHistory.SpikeTo) };
        var one = Json(new BacktestOptions { From = ShortFrom, To = ShortTo, Incidents = incidents });
        var many = Json(new BacktestOptions { From = ShortFrom, To = ShortTo, Incidents = incidents, MaxPointsPerQuery = 7, Concurrency = 3 });

        // 241 moments: one query per measurement at the server's limit, 35 when 7 moments fit in one (the last holds 3).
        static int Queries(string json) => JsonDocument.Parse(json).RootElement.GetProperty("rangeQueries").GetInt32();
        Assert.Equal(35 * Queries(one), Queries(many));
        static string Without(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"rangeQueries\": [0-9]+,", "");
        Assert.Equal(Without(one), Without(many));
        Assert.Contains("\"caught\": true", one, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_shows_what_backtest_prints()
    {
        var result = Backtest(_prometheus.Plan, "--from", Iso(ShortFrom), "--to", Iso(ShortTo), "--incident", Spike);

        var readme = File.ReadAllText(RepoPaths.Combine("README.md")).Replace("\r\n", "\n");
        Assert.Contains("--incident 2026-10-08T14:05:00Z..2026-10-08T14:30:00Z\n" + result.Output + "$ echo $?\n" + result.ExitCode + "\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_report_matches_its_schema()
    {
        var result = Backtest(_prometheus.Plan, "--from", Iso(ShortFrom), "--to", Iso(ShortTo), "--incident", Spike, "--format", "json");

        var schema = JsonSchema.FromText(File.ReadAllText(RepoPaths.Combine("schemas", "reports", "backtest.v1.schema.json")));
        using var report = JsonDocument.Parse(result.Output);
        var evaluation = schema.Evaluate(report.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value))));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, report.RootElement.GetProperty("stages").GetArrayLength());
    }

    [Fact]
    public void The_text_report_names_every_firing_the_detection_and_the_suggestion()
    {
        var result = Backtest(_prometheus.Plan, "--from", Iso(ShortFrom), "--to", Iso(ShortTo), "--incident", Spike);

        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("rollout backtest: plan new-checkout-flow, 2026-10-08 12:00:30 UTC to 2026-10-08 16:00:30 UTC, every 1 min over 5 min (241 evaluations, ", lines[0], StringComparison.Ordinal);
        Assert.Equal("incident 1: 2026-10-08 14:05:00 UTC to 2026-10-08 14:30:00 UTC", lines[1]);
        Assert.StartsWith("stop-loss error_rate > 0.5 % (rollback): 1 firing(s), 0 false alarm(s) (0 per week); a value at 241 of 241 evaluations", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("  firing 2026-10-08 14:06:30 UTC  value ", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("  roll back  incident 1", lines[3], StringComparison.Ordinal);
        Assert.Equal("  incident 1: caught after 1 min 30 s (at 2026-10-08 14:06:30 UTC)", lines[4]);
        Assert.StartsWith("  suggested threshold: > ", lines[5], StringComparison.Ordinal);
        Assert.Equal("result: every incident caught, no false alarm (exit 0)", lines[^1]);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void The_markdown_report_and_its_charts_are_written_beside_each_other_with_the_same_bytes_in_any_culture()
    {
        var first = Directory.CreateDirectory(Path.Combine(_folder.Path, "first")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(_folder.Path, "second")).FullName;
        var args = new[] { "--from", Iso(ShortFrom), "--to", Iso(ShortTo), "--incident", Spike, "--format", "markdown" };
        var one = Backtest(_prometheus.Plan, args.Concat(new[] { "-o", first }).ToArray());
        var two = CultureScope.Run("de-DE", () => Backtest(_prometheus.Plan, args.Concat(new[] { "-o", second }).ToArray()));

        Assert.Equal(0, one.ExitCode);
        var names = Directory.GetFiles(first).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "1-error_rate.svg", "2-payment_errors.svg", "backtest.json", "backtest.md" }, names);
        foreach (var name in names) Assert.Equal(File.ReadAllBytes(Path.Combine(first, name!)), File.ReadAllBytes(Path.Combine(second, name!)));
        var markdown = File.ReadAllText(Path.Combine(first, "backtest.md"));
        Assert.Contains("![error_rate over the period](1-error_rate.svg)", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | caught after 1 min 30 s (at 2026-10-08 14:06:30 UTC) |", markdown, StringComparison.Ordinal);

        // The chart: well-formed SVG, the threshold a red line at the height of 0.5, the incident shaded, its firing marked.
        var svg = XDocument.Parse(File.ReadAllText(Path.Combine(first, "1-error_rate.svg")));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var threshold = svg.Descendants(ns + "line").Single(e => (string?)e.Attribute("class") == "threshold");
        Assert.Equal(BacktestChart.ThresholdColor, (string?)threshold.Attribute("stroke"));
        Assert.Equal((string?)threshold.Attribute("y1"), (string?)threshold.Attribute("y2"));
        Assert.Single(svg.Descendants(ns + "rect"), e => (string?)e.Attribute("class") == "incident");
        Assert.Single(svg.Descendants(ns + "circle"), e => (string?)e.Attribute("class") == "firing");
        Assert.Single(svg.Descendants(ns + "path"), e => (string?)e.Attribute("class") == "value");
    }

    [Fact]
    public void The_chart_renders_in_a_real_browser_with_its_threshold_line_where_the_svg_puts_it()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "browser")).FullName;
        Assert.Equal(0, Backtest(_prometheus.Plan, "--from", Iso(ShortFrom), "--to", Iso(ShortTo), "--incident", Spike, "-o", folder).ExitCode);
        var chart = Path.Combine(folder, "1-error_rate.svg");
        var svg = XDocument.Parse(File.ReadAllText(chart)).Root!;
        var threshold = svg.Elements().Single(e => (string?)e.Attribute("class") == "threshold");
        var expectedY = double.Parse((string)threshold.Attribute("y1")!, System.Globalization.CultureInfo.InvariantCulture);
        var (x1, x2) = (int.Parse((string)threshold.Attribute("x1")!, System.Globalization.CultureInfo.InvariantCulture), int.Parse((string)threshold.Attribute("x2")!, System.Globalization.CultureInfo.InvariantCulture));

        var png = Path.Combine(folder, "chart.png");
        HeadlessChromium.Screenshot(chart, png, 800, 260);
        var pixels = PngPixels.Read(png);

        // Rows in which most of the line's span is pure-ish red: only the threshold line is drawn in red.
        static bool Red((byte R, byte G, byte B) p) => p.R > 200 && p.G < 80 && p.B < 80;
        var redRows = Enumerable.Range(0, pixels.Height).Where(y => Enumerable.Range(x1, x2 - x1).Count(x => Red(pixels.At(x, y))) > (x2 - x1) * 0.6).ToList();
        _log.WriteLine("threshold at y=" + expectedY + "; red rows: " + string.Join(", ", redRows));
        Assert.NotEmpty(redRows);
        Assert.All(redRows, y => Assert.InRange(y, expectedY - 2, expectedY + 2));
        // The value line (blue) is drawn too, and the background is white.
        Assert.Contains(Enumerable.Range(0, pixels.Height).SelectMany(y => Enumerable.Range(0, pixels.Width).Select(x => pixels.At(x, y))), p => p.B > 150 && p.R < 80);
        Assert.Equal(((byte)255, (byte)255, (byte)255), pixels.At(pixels.Width - 5, 5));
    }

    [Fact]
    public void From_after_to_is_unusable_input()
    {
        var result = Backtest(_prometheus.Plan, "--from", Iso(ShortTo), "--to", Iso(ShortFrom));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("rollout: the period must end after it starts: --from 2026-10-08 16:00:30 UTC is not before --to 2026-10-08 12:00:30 UTC.\n", result.Error);
    }

    [Fact]
    public void An_incident_outside_the_period_is_unusable_input()
    {
        var result = Backtest(_prometheus.Plan, "--from", Iso(ShortFrom), "--to", Iso(ShortTo), "--incident", "2026-10-15T02:00:00Z..2026-10-15T10:00:00Z");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("rollout: --incident 2026-10-15 02:00:00 UTC..2026-10-15 10:00:00 UTC lies outside the period 2026-10-08 12:00:30 UTC..2026-10-08 16:00:30 UTC; widen --from/--to or drop it.\n", result.Error);
    }

    [Theory]
    [InlineData("2026-10-08T14:05:00Z")]
    [InlineData("2026-10-08T14:30:00Z..2026-10-08T14:05:00Z")]
    [InlineData("yesterday..today")]
    public void A_malformed_incident_is_unusable_input_naming_the_option(string incident)
    {
        var result = Backtest(_prometheus.Plan, "--from", Iso(ShortFrom), "--to", Iso(ShortTo), "--incident", incident);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rollout: --incident: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_plan_without_measurements_is_unusable_input_not_an_all_clear()
    {
        var result = Backtest(_prometheus.PlanWithoutMeasurements, "--from", Iso(ShortFrom), "--to", Iso(ShortTo));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("does not say how error_rate is measured (ROLL024): its stop-loss would have no data at every moment", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_server_is_unusable_input_naming_the_problem_not_an_all_clear()
    {
        // A bound socket that does not listen: connections are refused for the whole test.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var url = "http://127.0.0.1:" + ((IPEndPoint)socket.LocalEndPoint!).Port;

        var result = Tool.Run("backtest", _prometheus.Plan, "--prometheus", url, "--from", Iso(ShortFrom), "--to", Iso(ShortTo));
        _log.WriteLine(result.ToString());

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("rollout: stop-loss error_rate > 0.5 % (rollback) had no value at any of its 241 evaluations, so nothing can be said about it; the first problem, at 2026-10-08 12:00:30 UTC: Prometheus at " + url + "/ is unreachable (after 3 attempts): ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_stage_the_plan_does_not_have_is_unusable_input()
    {
        var result = Backtest(_prometheus.Plan, "--from", Iso(ShortFrom), "--to", Iso(ShortTo), "--stage", "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("plan 'new-checkout-flow' has no stage 'nope'; use one of canary, staged, full.", result.Error, StringComparison.Ordinal);
    }
}
