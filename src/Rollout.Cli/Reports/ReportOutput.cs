using System.IO;
using System.Text;
using System.Text.Json;
using Rollout.Cli.Hosting;

namespace Rollout.Cli.Reports;

public static class ReportOutput
{
    /// <summary>
    /// Prints <paramref name="report"/> to stdout in <paramref name="format"/>. JSON is indented with "\n" line ends and escapes
    /// only what JSON requires (quotes as \", control characters): queries and names stay readable and greppable in a
    /// pipeline log; nothing here is embedded in HTML, so the encoder's HTML-safe escaping (\u0022, \u003C) is not needed.
    /// </summary>
    public static void Write(CommandContext context, IReport report, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json:
                context.Output.Write(Json(report));
                break;
            case OutputFormat.Markdown:
                report.WriteMarkdown(context.Output);
                break;
            default:
                report.WriteText(context.Output);
                break;
        }
        context.Output.Flush();
    }

    public static string Json(IReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            report.WriteJson(json);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
