using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Rollout.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rollout.Cli.Tests.Commands;

/// <summary>
/// `rollout gate` against a Prometheus behind authentication: a bearer token from a file, basic auth from the URL or the
/// environment, headers from files and the environment. The secret reaches the server and nothing else: no output
/// format, no error line, not even when the server echoes it back.
/// </summary>
public sealed class GateCredentialsTests : IDisposable
{
    private const string Token = "s3cr3t-t0ken-7f2a91c4";

    private readonly ITestOutputHelper _log;
    private readonly TempFolder _folder = new("rollout-gate-credentials");

    public GateCredentialsTests(ITestOutputHelper log) => _log = log;

    public void Dispose() => _folder.Dispose();

    /// <summary>A server that wants <paramref name="authorization"/> and, like a careless proxy, echoes whatever Authorization it got when refusing.</summary>
    private static FakePrometheus Demanding(string authorization) => new(
        (_, _) => (200, FakePrometheus.Vector("0")),
        headers => headers["Authorization"] == authorization ? null : "{\"status\":\"error\",\"error\":\"bad credentials: " + headers["Authorization"] + "\"}");

    private CliResult Gate(string url, IEnumerable<string> more, params string[] format)
    {
        var result = Tool.Run(new[] { "gate", Tool.SamplePlan("new-checkout-flow"), "--stage", "staged", "--prometheus", url, "--timeout", "10s" }.Concat(more).Concat(format).ToArray());
        _log.WriteLine(result.ToString());
        return result;
    }

    private static void AssertNoSecret(CliResult result, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.Error, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> Formats() => new() { "text", "json", "markdown" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_bearer_token_from_a_file_passes_and_appears_in_no_output(string format)
    {
        var file = _folder.Write("token", Token + "\n");
        using var server = Demanding("Bearer " + Token);

        var result = Gate(server.Url, ["--prometheus-bearer-token-file", file], "--format", format);

        Assert.Equal(0, result.ExitCode);
        Assert.All(server.Headers, h => Assert.Equal("Bearer " + Token, h["Authorization"]));
        AssertNoSecret(result, Token);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_wrong_token_holds_and_the_echoed_secret_is_redacted(string format)
    {
        var file = _folder.Write("token", "wrong-" + Token);
        using var server = Demanding("Bearer " + Token);

        var result = Gate(server.Url, ["--prometheus-bearer-token-file", file], "--format", format);

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("redacted", result.Output, StringComparison.Ordinal);
        AssertNoSecret(result, Token);
    }

    [Fact]
    public void Without_credentials_a_guarded_server_holds_naming_the_refusal()
    {
        using var server = Demanding("Bearer " + Token);

        var result = Gate(server.Url, []);

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("bad credentials", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_auth_in_the_url_is_sent_as_a_header_and_the_password_is_never_printed()
    {
        const string Password = "pa55-w0rd-b4f1";
        using var server = Demanding("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("reader:" + Password)));
        var url = server.Url.Replace("http://", "http://reader:" + Password + "@", StringComparison.Ordinal);

        var ok = Gate(url, []);
        Assert.Equal(0, ok.ExitCode);
        AssertNoSecret(ok, Password);

        var refused = Gate(url.Replace(Password, Password + "x", StringComparison.Ordinal), [], "--format", "json");
        Assert.Equal(10, refused.ExitCode);
        AssertNoSecret(refused, Password);
    }

    [Fact]
    public void A_header_from_the_environment_is_sent_and_a_missing_variable_is_exit_2_in_one_line()
    {
        const string Variable = "ROLLOUT_TEST_PROMETHEUS_TOKEN";
        using var server = Demanding("Bearer " + Token);
        Environment.SetEnvironmentVariable(Variable, "Bearer " + Token);
        try
        {
            var ok = Gate(server.Url, ["--prometheus-header", "Authorization=env:" + Variable, "--prometheus-header", "X-Scope-OrgID=tenant-1"]);
            Assert.Equal(0, ok.ExitCode);
            Assert.All(server.Headers, h => Assert.Equal("tenant-1", h["X-Scope-OrgID"]));
            AssertNoSecret(ok, Token);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }

        var missing = Gate(server.Url, ["--prometheus-header", "Authorization=env:" + Variable]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("rollout: --prometheus-header Authorization: environment variable " + Variable + " is not set or empty.", missing.Error.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("--prometheus-bearer-token-file", "no-such-token-file", "rollout: --prometheus-bearer-token-file: cannot read no-such-token-file (FileNotFoundException).")]
    [InlineData("--prometheus-header", "=value", "rollout: --prometheus-header: write NAME=VALUE, e.g. X-Scope-OrgID=tenant-1 or Authorization=@/run/secrets/prometheus-auth; the name before '=' is missing or not a header name.")]
    [InlineData("--prometheus-ca-file", "no-such-ca.pem", "rollout: --prometheus-ca-file: cannot read no-such-ca.pem as PEM certificates")]
    public void Unusable_credential_options_are_exit_2_in_one_line_and_nothing_is_asked(string option, string value, string line)
    {
        using var server = Demanding("Bearer " + Token);

        var result = Gate(server.Url, [option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(line, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public void Two_sources_of_authorization_are_exit_2()
    {
        var file = _folder.Write("token", Token);
        using var server = Demanding("Bearer " + Token);

        var result = Gate(server.Url.Replace("http://", "http://u:p4ssw0rd@", StringComparison.Ordinal), ["--prometheus-bearer-token-file", file]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("more than one Authorization", result.Error, StringComparison.Ordinal);
        AssertNoSecret(result, Token, "p4ssw0rd");
    }

    [Fact]
    public void A_private_CA_is_trusted_only_through_the_ca_file()
    {
        using var server = new TlsPrometheus();
        var ca = _folder.Write("ca.pem", server.CaPem);

        var untrusted = Gate(server.Url, []);
        Assert.Equal(10, untrusted.ExitCode);
        Assert.Contains("unreachable", untrusted.Output, StringComparison.Ordinal);
        Assert.Equal(0, server.Answered);

        var trusted = Gate(server.Url, ["--prometheus-ca-file", ca]);
        Assert.Equal(0, trusted.ExitCode);
        Assert.Equal(5, server.Answered);
    }

    [Fact]
    public void A_ca_file_without_a_certificate_is_exit_2()
    {
        var empty = _folder.Write("empty.pem", "not a certificate\n");

        var result = Gate("https://127.0.0.1:1", ["--prometheus-ca-file", empty]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rollout: --prometheus-ca-file: " + empty + " holds no PEM certificate", result.Error, StringComparison.Ordinal);
    }
}
