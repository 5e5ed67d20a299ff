using System;
using System.IO;
using System.Text;

namespace Rollout.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var output = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true };
        using var error = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
        return RolloutCli.Run(args, output, error);
    }
}
