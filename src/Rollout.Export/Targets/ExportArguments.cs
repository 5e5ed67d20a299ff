using System;
using System.Collections.Generic;

namespace Rollout.Export.Targets;

/// <summary>The values given for a target's options; an option not given reads as null (a switch as false).</summary>
public sealed class ExportArguments
{
    private readonly Dictionary<ExportOption, object?> _values = new();

    /// <summary>Gives <paramref name="option"/> its value: a string for text, an int for a number, a bool for a switch.</summary>
    public ExportArguments Set(ExportOption option, object? value)
    {
        var fits = value is null || option.Kind switch
        {
            ExportOptionKind.Text => value is string,
            ExportOptionKind.Number => value is int,
            _ => value is bool,
        };
        if (!fits) throw new ArgumentException(option.Name + " takes a " + option.Kind + " value, not " + value!.GetType().Name + ".", nameof(value));
        _values[option] = value;
        return this;
    }

    public string? Text(ExportOption option) => (string?)Value(option, ExportOptionKind.Text);

    public int? Number(ExportOption option) => (int?)Value(option, ExportOptionKind.Number);

    public bool Switch(ExportOption option) => (bool?)Value(option, ExportOptionKind.Switch) ?? false;

    private object? Value(ExportOption option, ExportOptionKind kind)
    {
        if (option.Kind != kind) throw new InvalidOperationException(option.Name + " is a " + option.Kind + " option, read as " + kind + ".");
        return _values.GetValueOrDefault(option);
    }
}
