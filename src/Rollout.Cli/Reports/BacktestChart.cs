using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Rollout.Dsl;
using Rollout.Gates.Backtest;

namespace Rollout.Cli.Reports;

/// <summary>
/// One stop-loss over the backtest period as an SVG: the value read at each evaluation (extremes per bucket), the threshold as a
/// red line (<see cref="ThresholdColor"/>), incident spans shaded, firings marked. Plain SVG 1.1 without scripts or fonts
/// beyond generic ones, so it renders the same in a browser and in a pull request; the same input gives the same bytes.
/// </summary>
internal static class BacktestChart
{
    /// <summary>The threshold line's colour, pure red, which nothing else in the chart uses (the browser test looks for it).</summary>
    public const string ThresholdColor = "#ff0000";

    private const int Width = 800;
    private const int Height = 260;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 30;
    private const int Bottom = 40;

    public static string Svg(BacktestResult result, StopLossBacktest stopLoss)
    {
        var values = stopLoss.Chart.SelectMany(p => new[] { p.Min, p.Max }).Where(v => v is not null).Select(v => v!.Value).ToList();
        var top = Math.Max(values.Count == 0 ? 0 : values.Max(), stopLoss.Condition.Threshold) * 1.15;
        var bottom = Math.Min(0, values.Count == 0 ? 0 : values.Min());
        if (top <= bottom) top = bottom + 1;
        var span = (result.To - result.From).Ticks;
        double X(DateTimeOffset t) => Left + (Width - Left - Right) * (double)(t - result.From).Ticks / span;
        double Y(double v) => Top + (Height - Top - Bottom) * (1 - (v - bottom) / (top - bottom));

        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height).Append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<title>").Append(Escape(BacktestReport.Describe(stopLoss))).Append("</title>\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        foreach (var incident in result.Incidents)
        {
            var x0 = X(incident.From);
            var x1 = X(incident.To);
            svg.Append("<rect class=\"incident\" x=\"").Append(N(x0)).Append("\" y=\"").Append(Top).Append("\" width=\"").Append(N(Math.Max(1, x1 - x0)))
                .Append("\" height=\"").Append(Height - Top - Bottom).Append("\" fill=\"#ffd7a8\"/>\n");
        }
        svg.Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(Height - Bottom).Append("\" x2=\"").Append(Width - Right).Append("\" y2=\"").Append(Height - Bottom).Append("\" stroke=\"#444444\"/>\n");
        svg.Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" x2=\"").Append(Left).Append("\" y2=\"").Append(Height - Bottom).Append("\" stroke=\"#444444\"/>\n");

        // The values: one path, broken where a bucket had no reading (gaps are gaps, not lines across them).
        var path = new StringBuilder();
        var pen = false;
        var up = stopLoss.Condition.Comparison is Comparison.Above or Comparison.AtLeast;
        foreach (var point in stopLoss.Chart)
        {
            if ((up ? point.Max : point.Min) is not { } value)
            {
                pen = false;
                continue;
            }
            path.Append(pen ? " L" : (path.Length == 0 ? "M" : " M")).Append(N(X(point.Start))).Append(',').Append(N(Y(value)));
            pen = true;
        }
        if (path.Length > 0) svg.Append("<path class=\"value\" d=\"").Append(path).Append("\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"1.5\"/>\n");

        var threshold = Y(stopLoss.Condition.Threshold);
        svg.Append("<line class=\"threshold\" x1=\"").Append(Left).Append("\" y1=\"").Append(N(threshold)).Append("\" x2=\"").Append(Width - Right).Append("\" y2=\"").Append(N(threshold))
            .Append("\" stroke=\"").Append(ThresholdColor).Append("\" stroke-width=\"2\"/>\n");
        foreach (var firing in stopLoss.Firings)
        {
            svg.Append("<circle class=\"firing\" cx=\"").Append(N(X(firing.Start))).Append("\" cy=\"").Append(N(Y(firing.Value))).Append("\" r=\"4\" fill=\"")
                .Append(firing.Incident is null ? "#000000" : "#2a9d3a").Append("\"/>\n");
        }
        svg.Append("<text x=\"").Append(Left).Append("\" y=\"18\">").Append(Escape(BacktestReport.Describe(stopLoss) + ": " + stopLoss.Firings.Count + " firing(s), " + stopLoss.FalseAlarms + " false alarm(s)")).Append("</text>\n");
        svg.Append("<text x=\"").Append(Left - 6).Append("\" y=\"").Append(N(threshold + 4)).Append("\" text-anchor=\"end\">").Append(Escape(BacktestReport.Value(stopLoss, stopLoss.Condition.Threshold))).Append("</text>\n");
        svg.Append("<text x=\"").Append(Left).Append("\" y=\"").Append(Height - 20).Append("\">").Append(Escape(BacktestReport.Time(result.From))).Append("</text>\n");
        svg.Append("<text x=\"").Append(Width - Right).Append("\" y=\"").Append(Height - 20).Append("\" text-anchor=\"end\">").Append(Escape(BacktestReport.Time(result.To))).Append("</text>\n");
        svg.Append("<text x=\"").Append(Left).Append("\" y=\"").Append(Height - 5).Append("\">shaded: incidents; green dot: firing in an incident; black dot: false alarm</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
