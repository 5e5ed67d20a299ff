using System;

namespace Rollout.Export;

/// <summary>Input the export cannot use (an option, or a plan that is not ready); the message is one line that says what to do.</summary>
public sealed class ExportException : Exception
{
    public ExportException(string message) : base(message)
    {
    }
}
