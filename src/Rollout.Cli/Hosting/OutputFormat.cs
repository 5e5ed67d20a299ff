using System.CommandLine;

namespace Rollout.Cli.Hosting;

/// <summary>How a command prints its report.</summary>
public enum OutputFormat
{
    Text,
    Json,
    Markdown,
}

/// <summary>The shared <c>--format text|json|markdown</c> option (default text). Add it to every command that prints a report.</summary>
public sealed class FormatOption : Option<string>
{
    public FormatOption() : base("--format")
    {
        Description = "Report format: text (one line per item), json (for machines) or markdown (for a pull-request comment).";
        DefaultValueFactory = _ => "text";
        this.AcceptOnlyFromAmong("text", "json", "markdown");
    }

    public OutputFormat Read(CommandContext context) => context.Parse.GetValue(this) switch
    {
        "json" => OutputFormat.Json,
        "markdown" => OutputFormat.Markdown,
        _ => OutputFormat.Text,
    };
}
