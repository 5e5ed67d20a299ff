using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Rollout.Cli.Tests.Infrastructure;

/// <summary>
/// A stand-in Prometheus over https on 127.0.0.1 whose certificate is signed by a private CA made for the test (the
/// machine does not trust it): every query answers one series with value 0. <see cref="CaPem"/> is that CA's certificate.
/// </summary>
public sealed class TlsPrometheus : IDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _answered;

    public TlsPrometheus()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=RolloutDsl test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CaPem = ca.ExportCertificatePem();

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        // Round-trip through PFX so the key is usable by SslStream on every platform.
        _certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);

        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = "https://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(Serve);
    }

    /// <summary>The private CA's certificate, PEM.</summary>
    public string CaPem { get; }

    public string Url { get; }

    /// <summary>Queries answered over a completed TLS handshake.</summary>
    public int Answered => Volatile.Read(ref _answered);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _certificate.Dispose();
        _stop.Dispose();
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            _ = Task.Run(() => Answer(client));
        }
    }

    private async Task Answer(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(_certificate).ConfigureAwait(false);
                var request = new StringBuilder();
                var buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await tls.ReadAsync(buffer).ConfigureAwait(false);
                    if (read == 0) return;
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                var body = Encoding.UTF8.GetBytes(FakePrometheus.Vector("0"));
                var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n");
                await tls.WriteAsync(head).ConfigureAwait(false);
                await tls.WriteAsync(body).ConfigureAwait(false);
                Interlocked.Increment(ref _answered);
            }
            catch (Exception error) when (error is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
            {
                // The client refused the certificate (the point of one test) or went away.
            }
        }
    }
}
