using System;

namespace Rollout.Run;

/// <summary>Input the executor cannot use (a state file of another plan, a flag file of another format, a role the plan does not empower): one line saying where and what; nothing was written.</summary>
public sealed class RunInputException : Exception
{
    public RunInputException(string message) : base(message) { }

    public RunInputException(string message, Exception inner) : base(message, inner) { }
}
