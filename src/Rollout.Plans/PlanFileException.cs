using System;

namespace Rollout.Plans;

/// <summary>
/// A plan file that cannot be used. Its message is one line a person can act on: the file, the JSON path when there
/// is one, what is wrong and what to do ("deploy/x.plan.json: stages[1].observe: expected an ISO 8601 duration ...").
/// </summary>
public sealed class PlanFileException : Exception
{
    public PlanFileException(string message) : base(message) { }

    public PlanFileException(string message, Exception inner) : base(message, inner) { }

    /// <summary>"file: path: what"; the path part is left out when empty.</summary>
    public static PlanFileException At(string file, string jsonPath, string message) =>
        new(file + ": " + (jsonPath.Length == 0 ? "" : jsonPath + ": ") + message);
}
