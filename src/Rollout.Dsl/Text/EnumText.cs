using System;
using System.Globalization;

namespace Rollout.Dsl.Text;

/// <summary>How every renderer and message spells an enum value the DSL does not name.</summary>
internal static class EnumText
{
    /// <summary>
    /// An undefined value (a cast such as <c>(Trigger)(-1)</c>; ROLL023 rejects it) reads "(Trigger)-1":
    /// renderers never throw, and no consumer mistakes it for a value of the vocabulary.
    /// </summary>
    public static string Undefined<T>(T value) where T : struct, Enum =>
        "(" + typeof(T).Name + ")" + Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
}
