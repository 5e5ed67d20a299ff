using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Cli.Hosting;
using Rollout.Cli.Reports;
using Rollout.Dsl.Rendering.Markdown;
using Rollout.Dsl.Text;
using Rollout.Export;
using Rollout.Export.Flags;

namespace Rollout.Cli.Commands;

/// <summary>
/// What every <c>rollout export</c> target does with its one file: --strict, the output folder created only when the
/// file is written, the atomic write, and the report of warnings.
/// </summary>
internal static class ExportOutput
{
    public static Option<string?> StrictOption(string notExpressed) => new("--strict")
    {
        Description = "Refuse an export the target would run differently from the plan: exit 1 and write nothing. --strict=all also refuses what the target cannot express (" + notExpressed + ").",
        HelpName = "all",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>The -o folder; a file there is unusable input.</summary>
    public static string Folder(CommandContext context, Option<string> output)
    {
        var folder = context.Get(output);
        if (File.Exists(folder)) throw new UserError(folder + ": is a file, not a folder; pass the folder to write into with -o.");
        return folder;
    }

    /// <summary>The warning kinds --strict refuses: none without it, approximations with it, and not-expressed too with --strict=all.</summary>
    public static ExportWarningKind[] StrictKinds(ParseResult parse, Option<string?> strict)
    {
        if (parse.GetResult(strict) is null) return [];
        return parse.GetValue(strict) switch
        {
            null or "" => [ExportWarningKind.Approximation],
            "all" => [ExportWarningKind.Approximation, ExportWarningKind.NotExpressed],
            var other => throw new UserError("--strict: '" + other + "' is not a level; write --strict (refuse what the engine runs differently) or --strict=all (also what it cannot express)."),
        };
    }

    /// <summary>Writes the file unless --strict refuses it, reports, and answers the exit code.</summary>
    public static int Write(CommandContext context, IExportFile result, string folder, ExportWarningKind[] refuseKinds, FormatOption format)
    {
        var refused = result.Warnings.Any(w => refuseKinds.Contains(w.Kind));
        var path = Path.Combine(folder, result.FileName);
        if (!refused)
        {
            // Like mkdir -p, and only once the export is sure: a refused or failed export leaves no folder behind.
            CreateFolder(folder);
            AtomicFile.Write(path, result.Text());
        }
        ReportOutput.Write(context, new ExportReport(result, refused ? null : path, refused), format.Read(context));
        return refused ? ExitCodes.Findings : ExitCodes.Ok;
    }

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError(folder + ": cannot create the output folder (" + error.Message.TrimEnd('.') + ").", error);
        }
    }

    private sealed class ExportReport(IExportFile result, string? written, bool refused) : IReport
    {
        public void WriteText(TextWriter output)
        {
            foreach (var warning in result.Warnings) output.Write(MarkdownText.OneLine("warning: " + warning) + "\n");
            output.Write(Summary() + "\n");
        }

        public void WriteMarkdown(TextWriter output)
        {
            var text = new System.Text.StringBuilder("### rollout export " + result.Engine + "\n\n" + MarkdownText.Escape(Summary()) + "\n\n");
            var table = new MarkdownTable("kind", "subject", "warning");
            foreach (var warning in result.Warnings) table.Row(warning.KindName, warning.Subject, warning.Message);
            if (result.Warnings.Count > 0) table.WriteTo(text);
            output.Write(text.ToString());
        }

        public void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("engine", result.Engine);
            json.WriteString("plan", result.PlanId);
            if (written is null) json.WriteNull("file");
            else json.WriteString("file", written);
            json.WriteBoolean("refused", refused);
            var objects = result is ExportResult manifests ? manifests.Objects : [];
            json.WriteList("objects", objects, item => new[] { ("apiVersion", item.ApiVersion), ("kind", item.Kind), ("name", (string?)item.Name) });
            if (result is FlagExportResult flag)
            {
                json.WriteString("flag", flag.Flag);
                json.WriteString("stage", flag.Exposure.Point);
            }
            json.WriteList("warnings", result.Warnings, warning => new[] { ("kind", warning.KindName), ("subject", warning.Subject), ("message", (string?)warning.Message) });
            json.WriteEndObject();
        }

        private string Summary()
        {
            var approximations = result.Warnings.Count(w => w.Kind == ExportWarningKind.Approximation);
            var notExpressed = result.Warnings.Count(w => w.Kind == ExportWarningKind.NotExpressed);
            return refused
                ? approximations > 0
                    ? "--strict: " + result.Engine + " only approximates plan '" + result.PlanId + "' (" + approximations + " approximation(s) above); nothing written."
                    : "--strict=all: " + result.Engine + " cannot express all of plan '" + result.PlanId + "' (" + notExpressed + " not-expressed warning(s) above); nothing written."
                : "wrote " + written + " (" + result.Describe() + "; " + result.Warnings.Count + " warning(s), " + approximations + " approximation(s)).";
        }
    }
}
