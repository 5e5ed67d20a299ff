using System;
using System.Diagnostics.CodeAnalysis;

namespace Rollout.Cli.Hosting;

/// <summary>An option that names a service (Prometheus, a webhook): an absolute http or https URL.</summary>
internal static class HttpUrl
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
