using System.Collections.Generic;
using Rollout.Dsl;

namespace Rollout.Export.Plan;

/// <summary>Kubernetes object and metric names made from plan text: DNS labels, unique within their scope.</summary>
internal static class KubeName
{
    /// <summary>"payment_errors" → "payment-errors"; text with no letter or digit becomes <paramref name="fallback"/>.</summary>
    public static string Of(string text, string fallback)
    {
        var name = PlanId.Suggest(text) ?? fallback;
        return name.Length <= 50 ? name : name.Substring(0, 50).TrimEnd('-');
    }

    /// <summary><paramref name="name"/>, or name-2, name-3 … when already taken.</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++) candidate = name + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return candidate;
    }
}
