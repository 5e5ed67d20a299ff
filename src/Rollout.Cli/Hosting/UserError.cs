using System;

namespace Rollout.Cli.Hosting;

/// <summary>
/// Input the tool cannot use. Its message is the one line the user sees (no stack trace) and the command
/// exits with <see cref="ExitCodes.UnusableInput"/>. Say where (file, JSON path) and what to do.
/// </summary>
public sealed class UserError : Exception
{
    public UserError(string message) : base(message) { }

    public UserError(string message, Exception inner) : base(message, inner) { }

    /// <summary>"file: path: what" — the path part is left out when empty.</summary>
    public static UserError At(string file, string jsonPath, string message) =>
        new(file + ": " + (jsonPath.Length == 0 ? "" : jsonPath + ": ") + message);
}
