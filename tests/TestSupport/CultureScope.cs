using System;
using System.Globalization;

namespace Rollout.TestSupport;

/// <summary>Runs code under another current culture and UI culture, restoring both afterwards.</summary>
public static class CultureScope
{
    public static T Run<T>(string culture, Func<T> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
