using System;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace Rollout.Reading;

/// <summary>
/// A conversion the compiler could not fold, done exactly as the running spec would do it, or refused:
/// unboxing the wrong type throws at run time, so it is not evaluable; a numeric overflow follows the
/// checked/unchecked context; a floating value outside an integer's range has no defined result.
/// </summary>
internal static class RuntimeConversion
{
    /// <summary>The converted value, or null with <paramref name="refusal"/> saying why the build cannot know it.</summary>
    public static object? Convert(IConversionOperation operation, object? value, Type target, out string? refusal)
    {
        refusal = null;
        var conversion = operation.GetConversion();
        var nullableOf = Nullable.GetUnderlyingType(target);
        var plain = nullableOf ?? target;
        var targetName = operation.Type?.ToDisplayString() ?? target.Name;

        if (value is null)
        {
            if (!target.IsValueType || nullableOf is not null) return null;
            refusal = "it is null, and converting null to " + targetName + " throws at run time";
            return null;
        }

        if (conversion.IsUnboxing)
        {
            if (value.GetType() == plain) return value;
            if ((value.GetType().IsEnum || plain.IsEnum) && UnderlyingOf(value.GetType()) == UnderlyingOf(plain))
            {
                return plain.IsEnum ? Enum.ToObject(plain, value) : System.Convert.ChangeType(value, plain, CultureInfo.InvariantCulture);
            }
            refusal = "it holds a boxed " + value.GetType().Name + ", and unboxing it as " + targetName + " throws InvalidCastException at run time";
            return null;
        }

        if (plain.IsInstanceOfType(value) && !(conversion.IsNumeric || conversion.IsEnumeration)) return value;
        if (conversion.IsReference || conversion.IsBoxing)
        {
            refusal = "it is a " + value.GetType().Name + ", and casting it to " + targetName + " throws InvalidCastException at run time";
            return null;
        }

        if (conversion.IsNumeric || conversion.IsEnumeration || conversion.IsNullable)
        {
            var number = Numeric(value, UnderlyingOf(plain), operation.IsChecked, out refusal);
            if (refusal is not null || number is null) return null;
            return plain.IsEnum ? Enum.ToObject(plain, number) : number;
        }

        refusal = "this conversion to " + targetName + " cannot be done at build time";
        return null;
    }

    private static Type UnderlyingOf(Type type) => type.IsEnum ? Enum.GetUnderlyingType(type) : type;

    private static object? Numeric(object value, Type target, bool isChecked, out string? refusal)
    {
        refusal = null;
        var source = value.GetType().IsEnum ? System.Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), CultureInfo.InvariantCulture) : value;
        switch (source)
        {
            case int i when target == typeof(int): return i;
            case int i when target == typeof(long): return (long)i;
            case int i when target == typeof(double): return (double)i;
            case int i when target == typeof(float): return (float)i;
            case long l when target == typeof(long): return l;
            case long l when target == typeof(double): return (double)l;
            case long l when target == typeof(float): return (float)l;
            case long l when target == typeof(int):
                if (l is >= int.MinValue and <= int.MaxValue || !isChecked) return unchecked((int)l);
                refusal = "the value " + l.ToString(CultureInfo.InvariantCulture) + " overflows int in a checked context (OverflowException at run time)";
                return null;
            case double d when target == typeof(double): return d;
            case double d when target == typeof(float): return (float)d;
            case float f when target == typeof(float): return f;
            case float f when target == typeof(double): return (double)f;
            case double or float when target == typeof(int) || target == typeof(long):
                var real = System.Convert.ToDouble(source, CultureInfo.InvariantCulture);
                var (min, max) = target == typeof(int) ? ((double)int.MinValue, (double)int.MaxValue) : ((double)long.MinValue, (double)long.MaxValue);
                if (!double.IsNaN(real) && real > min - 1 && real < max + 1)
                {
                    var truncated = Math.Truncate(real);
                    // (double)long.MaxValue is 2^63, one past the range.
                    if (truncated >= min && (target == typeof(int) ? truncated <= max : truncated < max)) return target == typeof(int) ? (object)(int)truncated : (long)truncated;
                }
                refusal = "the value " + real.ToString("R", CultureInfo.InvariantCulture) + " is outside the range of " + target.Name
                    + (isChecked ? " (OverflowException at run time)" : ", where the result of the conversion is not defined");
                return null;
        }
        refusal = "a conversion from " + source.GetType().Name + " to " + target.Name + " cannot be done at build time";
        return null;
    }
}
