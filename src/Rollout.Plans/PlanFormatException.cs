using System;

namespace Rollout.Plans;

/// <summary>A plan document that cannot be read into the model, with the JSON path of the problem (e.g. stages[1].observe).</summary>
public sealed class PlanFormatException : Exception
{
    public PlanFormatException(string path, string problem) : base(problem)
    {
        Path = path;
    }

    /// <summary>Where the problem is, in the findings' path notation; empty for the document itself.</summary>
    public string Path { get; }
}
