using System;
using System.Globalization;
using System.Text;

namespace Rollout.Dsl.Text;

/// <summary>Culture-independent formatting of numbers and durations, shared by rules and renderers.</summary>
public static class Invariant
{
    /// <summary>Shortest round-trip form: 0.1, 400, 2.5 (never "0,1" or "4E+2").</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return value.ToString(CultureInfo.InvariantCulture);
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15) return ((long)value).ToString(CultureInfo.InvariantCulture);
        // Round-trip form; very small or large values keep their exponent ("1E-20"), which JSON also accepts.
        // "R" is not exact on every runtime (.NET Framework); G17 always is.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).Equals(value)
            ? text
            : value.ToString("G17", CultureInfo.InvariantCulture);
    }

    /// <summary>A human duration in the units release plans use: "30 min", "24 h", "1 h 30 min", "5 s", "250 ms".</summary>
    public static string Duration(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0 s";
        var sign = value < TimeSpan.Zero ? "-" : "";
        value = Magnitude(value);
        var parts = new StringBuilder();
        void Part(long amount, string unit)
        {
            if (amount == 0) return;
            if (parts.Length > 0) parts.Append(' ');
            parts.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
        }
        Part((long)Math.Floor(value.TotalHours), "h");
        Part(value.Minutes, "min");
        Part(value.Seconds, "s");
        Part(value.Milliseconds, "ms");
        if (parts.Length == 0) parts.Append(value.Ticks.ToString(CultureInfo.InvariantCulture)).Append(" ticks");
        return sign + parts;
    }

    /// <summary>ISO 8601 duration: PT30M, PT4H, P1DT2H, PT0.25S.</summary>
    public static string Iso8601(TimeSpan value)
    {
        var sign = value < TimeSpan.Zero ? "-" : "";
        value = Magnitude(value);
        var text = new StringBuilder(sign).Append('P');
        if (value.Days > 0) text.Append(value.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        var rest = value - TimeSpan.FromDays(value.Days);
        if (rest == TimeSpan.Zero)
        {
            return value.Days > 0 ? text.ToString() : sign + "PT0S";
        }
        text.Append('T');
        if (rest.Hours > 0) text.Append(rest.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        if (rest.Minutes > 0) text.Append(rest.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        var seconds = rest.Ticks % TimeSpan.TicksPerMinute;
        if (seconds > 0)
        {
            var whole = seconds / TimeSpan.TicksPerSecond;
            var fraction = seconds % TimeSpan.TicksPerSecond;
            text.Append(whole.ToString(CultureInfo.InvariantCulture));
            if (fraction > 0) text.Append('.').Append(fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
            text.Append('S');
        }
        return text.ToString();
    }

    /// <summary>
    /// Reads what <see cref="Iso8601"/> writes (and any duration of the plan schema's form: -?PnDTnHnMn.nS):
    /// false for another form, a value beyond <see cref="TimeSpan"/> or a fraction finer than 100 ns.
    /// </summary>
    public static bool TryParseIso8601(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var position = 0;
        var negative = position < text.Length && text[position] == '-';
        if (negative) position++;
        if (position >= text.Length || text[position++] != 'P') return false;
        long ticks = 0;
        var inTime = false;
        var units = 0;
        var lastUnit = -1;
        try
        {
            while (position < text.Length)
            {
                if (text[position] == 'T')
                {
                    if (inTime || position + 1 >= text.Length) return false;
                    inTime = true;
                    position++;
                    continue;
                }
                var start = position;
                while (position < text.Length && text[position] >= '0' && text[position] <= '9') position++;
                if (position == start || position >= text.Length) return false;
                var whole = long.Parse(text.Substring(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture);
                long fraction = 0;
                if (text[position] == '.')
                {
                    var fractionStart = ++position;
                    while (position < text.Length && text[position] >= '0' && text[position] <= '9') position++;
                    var digits = position - fractionStart;
                    if (digits == 0 || digits > 7 || position >= text.Length || text[position] != 'S') return false;
                    fraction = long.Parse(text.Substring(fractionStart, digits).PadRight(7, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
                }
                var unit = inTime ? "HMS".IndexOf(text[position]) + 1 : text[position] == 'D' ? 0 : -1;
                if (unit < 0 || (inTime && unit == 0) || unit <= lastUnit) return false;
                lastUnit = unit;
                var size = unit switch { 0 => TimeSpan.TicksPerDay, 1 => TimeSpan.TicksPerHour, 2 => TimeSpan.TicksPerMinute, _ => TimeSpan.TicksPerSecond };
                ticks = checked(ticks + checked(whole * size) + fraction);
                units++;
                position++;
            }
        }
        catch (OverflowException)
        {
            return false;
        }
        if (units == 0 || (inTime && lastUnit == 0) || text[text.Length - 1] == 'T') return false;
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    // TimeSpan.MinValue has no positive counterpart; one tick less is indistinguishable in a plan.
    private static TimeSpan Magnitude(TimeSpan value) =>
        value == TimeSpan.MinValue ? TimeSpan.MaxValue : value < TimeSpan.Zero ? value.Negate() : value;
}
