using System.CommandLine;
using System.IO;

namespace Rollout.Cli.Hosting;

/// <summary>Arguments naming files or folders. A value that looks like an option and is no existing path is reported as an unknown option.</summary>
public static class PathArgument
{
    public static Argument<string[]> Many(string name, string description) =>
        Guard(new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.OneOrMore });

    public static Argument<string> One(string name, string description) =>
        Guard(new Argument<string>(name) { Description = description, Arity = ArgumentArity.ExactlyOne });

    private static Argument<T> Guard<T>(Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-') && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                {
                    result.AddError("unknown option '" + token.Value + "'.");
                }
            }
        });
        return argument;
    }
}
