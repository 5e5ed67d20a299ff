using System;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.CodeAnalysis;

namespace Rollout.Reading;

/// <summary>
/// Fail closed at the host boundary: the compiler switches off an analyzer or generator that throws and
/// reports only a warning (AD0001 / CS8785), so an unchecked plan would compile. Every host catches its
/// own failures and reports them as ROLL103, an error on the spec; cancellation stays cancellation.
/// </summary>
internal static class HostFailure
{
    public const string Id = "ROLL103";

    /// <summary>ROLL103: the spec could not be read, checked or rendered; the plan is treated as not ready.</summary>
    public static readonly DiagnosticDescriptor Descriptor = new(Id,
        "A spec can be checked", "{0}", "RolloutReadiness", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "An unexpected failure while reading, checking or rendering a spec. The plan is treated as not ready, so it cannot compile unchecked.",
        helpLinkUri: "https://github.com/rolloutdsl/rolloutdsl/blob/main/docs/rules/" + Id + ".md");

    /// <summary>
    /// Rethrows <paramref name="exception"/> when it is cancellation, also when reflection wrapped it
    /// (<see cref="TargetInvocationException"/>); returns otherwise, so the caller reports a failure.
    /// </summary>
    public static void RethrowIfCancellation(Exception exception)
    {
        if (CancellationIn(exception) is { } cancellation) ExceptionDispatchInfo.Capture(cancellation).Throw();
    }

    /// <summary>The <see cref="OperationCanceledException"/> inside any number of reflection wrappers, or null.</summary>
    public static OperationCanceledException? CancellationIn(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OperationCanceledException cancellation) return cancellation;
            if (current is not TargetInvocationException and not TypeInitializationException and not AggregateException) return null;
        }
        return null;
    }

    /// <summary>The message of ROLL103 for a spec: what failed, where in RolloutDsl, and what it means for the plan.</summary>
    public static string Message(string specName, string stage, Exception exception)
    {
        var inner = exception;
        while (inner is TargetInvocationException { InnerException: { } wrapped }) inner = wrapped;
        return "Spec '" + specName + "' could not be " + stage + ": " + inner.GetType().Name + ": " + OneLine(inner.Message)
            + At(inner) + ". The plan is treated as not ready; this is a RolloutDsl bug, please report it with the spec.";
    }

    private static string At(Exception exception)
    {
        var trace = exception.StackTrace;
        if (string.IsNullOrEmpty(trace)) return "";
        var first = trace!.Split('\n')[0].Trim();
        if (first.StartsWith("at ", StringComparison.Ordinal)) first = first.Substring(3);
        var parameters = first.IndexOf('(');
        return parameters > 0 ? " (in " + first.Substring(0, parameters) + ")" : "";
    }

    private static string OneLine(string text)
    {
        text = text.Replace("\r", " ").Replace("\n", " ");
        return text.Length <= 200 ? text : text.Substring(0, 197) + "...";
    }
}
