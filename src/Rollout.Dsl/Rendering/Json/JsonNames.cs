using System;
using System.Collections.Generic;
using Rollout.Dsl.Rules;
using Rollout.Dsl.Text;

namespace Rollout.Dsl.Rendering.Json;

/// <summary>The JSON plan's enum vocabulary. Spelled out, not derived from the C# names, because it is a published contract.</summary>
public static class JsonNames
{
    /// <summary>The member of <typeparamref name="T"/> whose JSON name is <paramref name="name"/> (readers of plan files use this).</summary>
    public static bool TryParse<T>(string name, out T value) where T : struct, Enum
    {
        foreach (T candidate in Enum.GetValues(typeof(T)))
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        // The form Undefined writes, "(Trigger)-1", reads back as that undefined value (so ROLL023 can name it again).
        var prefix = "(" + typeof(T).Name + ")";
        if (name.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(name.Substring(prefix.Length), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && string.Equals(EnumText.Undefined((T)Enum.ToObject(typeof(T), number)), name, StringComparison.Ordinal)
            && !Enum.IsDefined(typeof(T), (T)Enum.ToObject(typeof(T), number)))
        {
            value = (T)Enum.ToObject(typeof(T), number);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Every JSON name of <typeparamref name="T"/>, in declaration order (for "use one of ..." messages).</summary>
    public static IReadOnlyList<string> NamesOf<T>() where T : struct, Enum
    {
        var values = Enum.GetValues(typeof(T));
        var names = new string[values.Length];
        for (var i = 0; i < names.Length; i++) names[i] = NameOf((Enum)values.GetValue(i)!);
        return names;
    }

    private static string NameOf(Enum value) => value switch
    {
        Surface surface => Of(surface),
        MetricUnit unit => Of(unit),
        Comparison comparison => Of(comparison),
        StopLossAction action => Of(action),
        RollbackKind kind => Of(kind),
        Trigger trigger => Of(trigger),
        RuleSeverity severity => Of(severity),
        _ => throw new ArgumentException(value.GetType().Name + " has no JSON names.", nameof(value)),
    };

    public static string Of(Surface surface) => surface switch
    {
        Surface.PaymentFlow => "paymentFlow",
        Surface.PermissionModel => "permissionModel",
        Surface.DatabaseSchema => "databaseSchema",
        Surface.PersistentData => "persistentData",
        Surface.HighTrafficPath => "highTrafficPath",
        Surface.Config => "config",
        _ => EnumText.Undefined(surface),
    };

    public static string Of(MetricUnit unit) => unit switch
    {
        MetricUnit.Percent => "percent",
        MetricUnit.Milliseconds => "milliseconds",
        MetricUnit.Count => "count",
        _ => EnumText.Undefined(unit),
    };

    public static string Of(Comparison comparison) => comparison switch
    {
        Comparison.Below => "below",
        Comparison.AtMost => "atMost",
        Comparison.Above => "above",
        Comparison.AtLeast => "atLeast",
        _ => EnumText.Undefined(comparison),
    };

    public static string Of(StopLossAction action) => action switch
    {
        StopLossAction.Rollback => "rollback",
        StopLossAction.Halt => "halt",
        _ => EnumText.Undefined(action),
    };

    public static string Of(RollbackKind kind) => kind switch
    {
        RollbackKind.Config => "config",
        RollbackKind.Code => "code",
        RollbackKind.Schema => "schema",
        RollbackKind.DataRepair => "dataRepair",
        _ => EnumText.Undefined(kind),
    };

    public static string Of(Trigger trigger) => trigger switch
    {
        Trigger.StopLossCrossed => "stopLossCrossed",
        Trigger.AnyReason => "anyReason",
        _ => EnumText.Undefined(trigger),
    };

    public static string Of(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        _ => EnumText.Undefined(severity),
    };
}
