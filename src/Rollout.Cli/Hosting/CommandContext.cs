using System.CommandLine;
using System.IO;

namespace Rollout.Cli.Hosting;

/// <summary>What a command's body gets: its parsed arguments and the two writers (stdout for reports, stderr for errors).</summary>
public sealed class CommandContext
{
    internal CommandContext(ParseResult parse, TextWriter output, TextWriter error)
    {
        Parse = parse;
        Output = output;
        Error = error;
    }

    public ParseResult Parse { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public T Get<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => Parse.GetValue(argument)!;
}
