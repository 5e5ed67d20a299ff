using System;

namespace Rollout.Dsl;

/// <summary>
/// Marks a static, parameterless method returning <see cref="RolloutPlan"/> as a rollout spec.
/// The build reads it statically, checks it against the readiness rules and writes its runbook and JSON plan.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RolloutSpecAttribute : Attribute
{
}
