using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Rollout.Generators;

/// <summary>
/// The compilation of the current run, for the one step that must bind a spec. Never compared (see
/// <see cref="InputComparer"/>) and held weakly: a cached pipeline entry keeps no compilation alive.
/// The step only runs for entries that changed in this run, whose handle is this run's compilation.
/// </summary>
internal sealed class CompilationHandle
{
    private readonly WeakReference<Compilation> _compilation;

    public CompilationHandle(Compilation compilation) => _compilation = new WeakReference<Compilation>(compilation);

    public Compilation? Compilation => _compilation.TryGetTarget(out var compilation) ? compilation : null;
}

/// <summary>A spec's input paired with the run's compilation: equal when the inputs are, whatever the compilation.</summary>
internal sealed class InputComparer : IEqualityComparer<(SpecInput Left, CompilationHandle Right)>
{
    public static readonly InputComparer Instance = new();

    public bool Equals((SpecInput Left, CompilationHandle Right) x, (SpecInput Left, CompilationHandle Right) y) => x.Left.Equals(y.Left);

    public int GetHashCode((SpecInput Left, CompilationHandle Right) pair) => pair.Left.GetHashCode();
}
