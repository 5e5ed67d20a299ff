using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Rollout.Cli.Hosting;

/// <summary>
/// How a command reaches a Prometheus that sits behind authentication (Thanos, Mimir, Grafana Cloud, a proxy with
/// basic auth, a private CA): its address, extra headers, a bearer token, basic auth and a CA bundle, as options every
/// command that queries Prometheus adds the same way. Secret values are read from files or the environment, sent only in
/// request headers, and never printed: a URL's user:password is moved into the Authorization header and left out of the
/// address, and a server that echoes a secret back has it replaced before anything reads the answer.
/// </summary>
internal sealed class PrometheusConnection
{
    /// <summary>Basic auth from the environment (never from the command line, where it would land in shell history and ps).</summary>
    public const string UserVariable = "ROLLOUT_PROMETHEUS_USERNAME";

    public const string PasswordVariable = "ROLLOUT_PROMETHEUS_PASSWORD";

    private static readonly Regex HeaderName = new("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", RegexOptions.CultureInvariant);

    private readonly Option<string> _address;
    private readonly Option<string[]> _headers;
    private readonly Option<string?> _bearerTokenFile;
    private readonly Option<string?> _caFile;

    private PrometheusConnection(Option<string> address, Option<string[]> headers, Option<string?> bearerTokenFile, Option<string?> caFile)
    {
        _address = address;
        _headers = headers;
        _bearerTokenFile = bearerTokenFile;
        _caFile = caFile;
    }

    /// <summary>Adds <c>--prometheus</c> and the credential options to <paramref name="command"/>.</summary>
    public static PrometheusConnection AddTo(Command command)
    {
        var connection = new PrometheusConnection(
            new Option<string>("--prometheus") { Description = "Prometheus base URL, e.g. http://prometheus:9090.", Required = true, HelpName = "url" },
            new Option<string[]>("--prometheus-header")
            {
                Description = "An HTTP header for every query, NAME=VALUE (repeatable). VALUE may be @path (read from a file) or env:NAME (read from the environment), so secrets stay off the command line.",
                HelpName = "name=value",
                AllowMultipleArgumentsPerToken = false,
                DefaultValueFactory = _ => [],
            },
            new Option<string?>("--prometheus-bearer-token-file") { Description = "A file holding a bearer token, sent as Authorization: Bearer <token>.", HelpName = "path" },
            new Option<string?>("--prometheus-ca-file") { Description = "PEM file of the CA certificate(s) to trust for an https Prometheus (a private CA).", HelpName = "path" });
        command.Options.Add(connection._address);
        command.Options.Add(connection._headers);
        command.Options.Add(connection._bearerTokenFile);
        command.Options.Add(connection._caFile);
        return connection;
    }

    /// <summary>The address to query (without any user:password) and a client that sends the credentials with every request.</summary>
    public (Uri Address, HttpClient Http) Open(CommandContext context)
    {
        var text = context.Get(_address);
        if (!HttpUrl.TryParse(text, out var uri))
        {
            throw new UserError("--prometheus: '" + Redact(text) + "' is not an http(s) URL; write e.g. --prometheus http://prometheus:9090.");
        }
        var headers = new List<(string Name, string Value)>();
        var secrets = new List<string>();
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            var pair = Uri.UnescapeDataString(parts[0]) + ":" + (parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
            headers.Add(("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair))));
            if (parts.Length > 1 && parts[1].Length > 0) secrets.Add(Uri.UnescapeDataString(parts[1]));
            uri = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        }
        var user = Environment.GetEnvironmentVariable(UserVariable);
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (!string.IsNullOrEmpty(user) || !string.IsNullOrEmpty(password))
        {
            if (string.IsNullOrEmpty(user) || password is null) throw new UserError(UserVariable + " and " + PasswordVariable + " go together: set both for basic auth, or neither.");
            headers.Add(("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password))));
            secrets.Add(password);
        }
        if (context.Parse.GetValue(_bearerTokenFile) is { } tokenFile)
        {
            var token = ReadSecretFile(tokenFile, "--prometheus-bearer-token-file");
            headers.Add(("Authorization", "Bearer " + token));
            secrets.Add(token);
        }
        foreach (var header in context.Parse.GetValue(_headers) ?? [])
        {
            var cut = header.IndexOf('=');
            var name = cut > 0 ? header.Substring(0, cut).Trim() : "";
            if (!HeaderName.IsMatch(name)) throw new UserError("--prometheus-header: write NAME=VALUE, e.g. X-Scope-OrgID=tenant-1 or Authorization=@/run/secrets/prometheus-auth; the name before '=' is missing or not a header name.");
            var value = Value(header.Substring(cut + 1), name);
            headers.Add((name, value));
            // Which header carries a secret is the server's business (a token, an API key, a tenant that is one): every
            // value is kept out of what the tool prints.
            secrets.Add(value);
        }
        var authorizations = headers.Count(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
        if (authorizations > 1) throw new UserError("--prometheus: more than one Authorization is given (user:password in the URL, " + UserVariable + ", --prometheus-bearer-token-file, --prometheus-header Authorization=...); keep one.");

        var handler = new SocketsHttpHandler();
        if (context.Parse.GetValue(_caFile) is { } caFile) Trust(handler, caFile);
        var http = new HttpClient(new CredentialsHandler(headers, secrets, handler)) { Timeout = Timeout.InfiniteTimeSpan };
        return (uri, http);
    }

    private static string Value(string value, string name)
    {
        if (value.StartsWith('@')) return ReadSecretFile(value.Substring(1), "--prometheus-header " + name);
        if (value.StartsWith("env:", StringComparison.Ordinal))
        {
            var variable = value.Substring(4);
            return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } found
                ? found
                : throw new UserError("--prometheus-header " + name + ": environment variable " + variable + " is not set or empty.");
        }
        return value;
    }

    private static string ReadSecretFile(string path, string option)
    {
        try
        {
            var text = File.ReadAllText(path).TrimEnd('\r', '\n');
            if (text.Length == 0) throw new UserError(option + ": " + path + " is empty.");
            if (text.IndexOfAny(['\r', '\n']) >= 0) throw new UserError(option + ": " + path + " holds more than one line; a header value is one line.");
            return text;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError(option + ": cannot read " + path + " (" + error.GetType().Name + ").");
        }
    }

    /// <summary>Trusts exactly the CA certificates of <paramref name="caFile"/> (plus the system's) for the server's chain.</summary>
    private static void Trust(SocketsHttpHandler handler, string caFile)
    {
        X509Certificate2Collection roots;
        try
        {
            roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caFile);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new UserError("--prometheus-ca-file: cannot read " + caFile + " as PEM certificates (" + error.Message.TrimEnd('.') + ").");
        }
        if (roots.Count == 0) throw new UserError("--prometheus-ca-file: " + caFile + " holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None) return true;
                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            },
        };
    }

    /// <summary>A URL as the user wrote it, without its password.</summary>
    private static string Redact(string text) => Regex.Replace(text, "(?<=://[^/@:]*:)[^/@]*(?=@)", "***");

    /// <summary>Adds the headers to every request, and takes every secret out of every answer before anyone reads it.</summary>
    private sealed class CredentialsHandler : DelegatingHandler
    {
        private readonly IReadOnlyList<(string Name, string Value)> _headers;
        private readonly IReadOnlyList<string> _secrets;

        public CredentialsHandler(IReadOnlyList<(string Name, string Value)> headers, IReadOnlyList<string> secrets, HttpMessageHandler inner) : base(inner)
        {
            _headers = headers;
            // A value of a few characters cannot be told apart from the numbers of an answer; a secret that short is no secret.
            _secrets = secrets.Where(s => s.Length >= 4).Distinct(StringComparer.Ordinal).ToList();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            foreach (var (name, value) in _headers)
            {
                if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                {
                    var space = value.IndexOf(' ');
                    request.Headers.Authorization = space > 0 ? new AuthenticationHeaderValue(value.Substring(0, space), value.Substring(space + 1)) : new AuthenticationHeaderValue(value);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (_secrets.Count == 0) return response;
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var clean = _secrets.Aggregate(body, (text, secret) => text.Replace(secret, "[redacted]", StringComparison.Ordinal));
            if (ReferenceEquals(clean, body) || clean == body) return response;
            var replaced = new StringContent(clean, Encoding.UTF8);
            foreach (var header in response.Content.Headers) replaced.Headers.TryAddWithoutValidation(header.Key, header.Value);
            replaced.Headers.ContentLength = null;
            response.Content = replaced;
            return response;
        }
    }
}
