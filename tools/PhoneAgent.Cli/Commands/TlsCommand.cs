using System;
using System.CommandLine;
using System.IO;
using System.Net.Sockets;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Tls;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Cli.Commands
{
    /// <summary>`phoneagent tls probe HOST:PORT`: which certificates does this server present?
    /// A TLS 1.2 ClientHello, the server's clear-text Certificate message, then the connection is
    /// dropped. With --roots the chain is validated as the phone would. Exit 0 when certificates
    /// were read (and, with --roots, valid), 1 otherwise, 2 on bad input.</summary>
    public static class TlsCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var target = new Argument<string>("target") { Description = "HOST:PORT (IPv4 address or name)" };
            var sni = new Option<string>("--sni") { Description = "server name to send (default: HOST when it is a name)" };
            var roots = new Option<string>("--roots") { Description = "trust anchors (PEM or DER): validate what the server sent" };
            var inter = new Option<string>("--intermediates") { Description = "provisioned intermediates (PEM or DER)" };
            var timeout = new Option<int>("--timeout") { Description = "seconds to wait for the server", DefaultValueFactory = _ => 10 };
            var aia = new Option<bool>("--aia") { Description = "with --roots: fetch a missing intermediate from the AIA caIssuers URL (HTTP, 16 KiB, 5 s)" };
            var probe = new Command("probe", "Show the certificates a TLS server presents (TLS 1.2 handshake, stopped after Certificate)")
            {
                target, sni, roots, inter, timeout, aia,
            };
            probe.SetAction(r => Probe(output, error, r.GetValue(target), r.GetValue(sni), r.GetValue(roots), r.GetValue(inter), r.GetValue(timeout), r.GetValue(aia)));
            return new Command("tls", "TLS tools") { probe };
        }

        private static int Probe(TextWriter o, TextWriter err, string target, string sni, string rootsPath, string interPath, int timeoutS, bool aia)
        {
            int colon = target.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(target[(colon + 1)..], out int port) || port < 1 || port > 65535)
            {
                err.WriteLine($"error: '{target}' is not HOST:PORT");
                return CliApp.BadInput;
            }
            if (timeoutS < 1 || timeoutS > 300) { err.WriteLine("error: --timeout must be 1..300"); return CliApp.BadInput; }
            string host = target[..colon];
            bool isIp = PhoneAgent.Core.Net.Ip4.TryParse(host, out _);
            string serverName = sni ?? (isIp ? null : host);
            X509Certificate[] roots = null, inter = null;
            if (!string.IsNullOrEmpty(rootsPath) && (roots = X509Command.Load(rootsPath, err)) == null) return CliApp.BadInput;
            if (!string.IsNullOrEmpty(interPath) && (inter = X509Command.Load(interPath, err)) == null) return CliApp.BadInput;

            var reader = new TlsCertificateReader();
            try
            {
                using var client = new TcpClient();
                if (!client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(timeoutS)))
                {
                    o.WriteLine($"RESULT: no TCP connection to {host}:{port} within {timeoutS} s");
                    return CliApp.Failed;
                }
                var stream = client.GetStream();
                stream.ReadTimeout = timeoutS * 1000;
                var hello = TlsClientHello.Build(serverName, new HostRandom());
                stream.Write(hello, 0, hello.Length);
                var buf = new byte[4096];
                while (reader.State == TlsCertificateReader.NeedMore)
                {
                    int n = stream.Read(buf, 0, buf.Length);
                    if (n <= 0) break;
                    reader.Feed(buf, 0, n);
                }
            }
            catch (Exception e) when (e is SocketException or IOException or AggregateException)
            {
                o.WriteLine($"RESULT: {host}:{port}: {(e is AggregateException a ? a.InnerException?.Message : e.Message)}");
                return CliApp.Failed;
            }
            if (reader.State != TlsCertificateReader.GotCertificates)
            {
                o.WriteLine("RESULT: no certificates: " + (reader.State == TlsCertificateReader.Failed ? reader.Reason : "the server closed the connection before its Certificate message"));
                return CliApp.Failed;
            }
            var ders = reader.Certificates;
            o.WriteLine($"{host}:{port}{(serverName != null ? " (SNI " + serverName + ")" : "")} presented {ders.Length} certificate{(ders.Length == 1 ? "" : "s")}:");
            var certs = new X509Certificate[ders.Length];
            for (int i = 0; i < ders.Length; i++)
            {
                certs[i] = X509Certificate.TryParse(ders[i], out var why);
                o.WriteLine($"  [{i}] " + (certs[i] != null ? certs[i].Describe() : "unparseable certificate: " + why));
                if (certs[i] == null) return CliApp.Failed;
            }
            if (roots == null) return CliApp.Ok;
            var result = AiaRunner.Validate(roots, inter ?? new X509Certificate[0], certs, new ValidationPolicy
            {
                Time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                HostName = serverName ?? (isIp ? host : null),
                Purpose = ValidationPolicy.EkuServerAuth,
            }, aia, o);
            o.WriteLine(result.Valid ? "VALID: " + result.Message : "NOT VALID (" + result.Code + "): " + result.Message);
            return result.Valid ? CliApp.Ok : CliApp.Failed;
        }
    }
}
