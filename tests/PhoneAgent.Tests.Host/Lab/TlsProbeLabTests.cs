using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace PhoneAgent.Tests.Host.Lab
{
    /// <summary>The missing-intermediate field failure against real `openssl s_server` on
    /// 127.0.0.1: leaf only versus leaf + intermediate, through `phoneagent tls probe`.</summary>
    [TestClass]
    [TestCategory("Lab")]
    public class TlsProbeLabTests
    {
        private static string Pki(string f) => Path.Combine(RepoPaths.Root, "..", "shared", "lab", "pki", f);

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int p = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return p;
        }

        private static Process StartServer(bool withIntermediate, out int port)
        {
            int p = FreePort();
            port = p;
            string args = $"s_server -accept 127.0.0.1:{p} -cert {Pki("server.crt")} -key {Pki("server.key")} -quiet" +
                (withIntermediate ? $" -cert_chain {Pki("int.crt")}" : "");
            var server = Process.Start(new ProcessStartInfo("openssl", args) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false })!;
            Assert.IsTrue(LabNetwork.WaitFor(() =>
            {
                try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, p); return true; }
                catch (SocketException) { return false; }
            }, 5000), "openssl s_server did not start");
            return server;
        }

        private static (int exit, string output) Probe(bool withIntermediate)
        {
            using var server = StartServer(withIntermediate, out int port);
            try
            {
                var (exit, output) = (0, "");
                using var probe = Process.Start(new ProcessStartInfo("dotnet", $"{LabPeers.Phoneagent} tls probe 127.0.0.1:{port} --sni radius.lab.test --roots {Pki("root.crt")}")
                    { RedirectStandardOutput = true, UseShellExecute = false })!;
                output = probe.StandardOutput.ReadToEnd();
                probe.WaitForExit(30_000);
                exit = probe.ExitCode;
                return (exit, output);
            }
            finally
            {
                try { server.Kill(true); } catch (System.InvalidOperationException) { }
            }
        }

        private static byte[] PemDer(string file) => PhoneAgent.Tests.Host.Support.PemFile.Der(Pki(file));

        [TestMethod]
        public void MutualTlsPresentsThePhonesCertificate()
        {
            // s_server -Verify 1 -verify_return_error: a handshake without a client certificate
            // the server can verify fails; -www echoes the client certificate it received.
            LabNetwork.Require("openssl");
            if (!File.Exists(Pki("client.crt"))) Assert.Inconclusive("../shared/lab/pki is not beside the repository");
            int port = FreePort();
            using var server = Process.Start(new ProcessStartInfo("openssl",
                $"s_server -accept 127.0.0.1:{port} -cert {Pki("server.crt")} -key {Pki("server.key")} -cert_chain {Pki("int.crt")} " +
                $"-Verify 1 -CAfile {Pki("ca-bundle.crt")} -verify_return_error -www -quiet")
                { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false })!;
            try
            {
                Assert.IsTrue(LabNetwork.WaitFor(() =>
                {
                    try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, port); return true; }
                    catch (SocketException) { return false; }
                }, 5000), "openssl s_server did not start");
                var root = PhoneAgent.Core.X509.X509Certificate.TryParse(PemDer("root.crt"), out _);
                var policy = new PhoneAgent.Core.X509.ValidationPolicy { Time = System.DateTimeOffset.UtcNow.ToUnixTimeSeconds(), HostName = "radius.lab.test" };
                var tls = new PhoneAgent.Cli.Host.HostTlsPort(new PhoneAgent.Core.X509.PathValidator(new[] { root }, null), policy);

                string page = Get(tls, port, PemDer("client.crt"), PemDer("client.key"), out string reason);
                Assert.IsNotNull(page, reason);
                StringAssert.Contains(page, "Client certificate");
                StringAssert.Contains(page, "CN=phone1.lab.test");

                string refused = Get(tls, port, null, null, out reason);
                Assert.IsTrue(refused == null || !refused.Contains("Client certificate"), "the server must refuse a phone without a certificate");

                Assert.IsNull(tls.Connect(0x7f000001, port, "radius.lab.test", PemDer("client.crt"), PemDer("server.key"), out reason));
                StringAssert.Contains(reason, "does not belong to the client certificate");
                Assert.IsFalse(reason.Contains(System.Convert.ToBase64String(PemDer("server.key"))[..40]), "no key material in the reason");
            }
            finally
            {
                try { server.Kill(true); } catch (System.InvalidOperationException) { }
            }
        }

        private static string Get(PhoneAgent.Cli.Host.HostTlsPort tls, int port, byte[] cert, byte[] key, out string reason)
        {
            var stream = tls.Connect(0x7f000001, port, "radius.lab.test", cert, key, out reason);
            if (stream == null) return null;
            var request = System.Text.Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n");
            if (!stream.Write(request, 0, request.Length)) { stream.Close(); return null; }
            var sb = new System.Text.StringBuilder();
            var buf = new byte[16384];
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < 5000)
            {
                int n = stream.TryRead(buf, 0, buf.Length);
                if (n < 0) break;
                if (n == 0) { System.Threading.Thread.Sleep(10); continue; }
                sb.Append(System.Text.Encoding.ASCII.GetString(buf, 0, n));
            }
            stream.Close();
            return sb.ToString();
        }

        [TestMethod]
        public void HostTlsPortValidatesWhatTheServerSentNotWhatDotNetCached()
        {
            LabNetwork.Require("openssl");
            if (!File.Exists(Pki("server.crt"))) Assert.Inconclusive("../shared/lab/pki is not beside the repository");
            var root = PhoneAgent.Core.X509.X509Certificate.TryParse(
                System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Pki("root.crt")).RawData, out _);
            var policy = new PhoneAgent.Core.X509.ValidationPolicy
            {
                Time = System.DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                HostName = "radius.lab.test",
                Purpose = PhoneAgent.Core.X509.ValidationPolicy.EkuServerAuth,
            };
            foreach (bool withIntermediate in new[] { false, true, false })
            {
                // The leaf-only server is tried again after a successful full chain: an intermediate
                // .NET may have cached from the second handshake must not rescue the third.
                using var server = StartServer(withIntermediate, out int port);
                try
                {
                    var tls = new PhoneAgent.Cli.Host.HostTlsPort(new PhoneAgent.Core.X509.PathValidator(new[] { root }, null), policy);
                    var stream = tls.Connect(0x7f000001, port, "radius.lab.test", null, null, out string reason);
                    if (withIntermediate)
                    {
                        Assert.IsNotNull(stream, reason);
                        Assert.AreEqual(2, tls.LastPeerCertificates.Length);
                        stream.Close();
                    }
                    else
                    {
                        Assert.IsNull(stream, "a leaf-only server must be refused");
                        Assert.AreEqual(1, tls.LastPeerCertificates.Length);
                        StringAssert.Contains(reason, "certificate refused (missing-issuer)");
                        StringAssert.Contains(reason, "CN=Lab Issuing CA");
                    }
                }
                finally
                {
                    try { server.Kill(true); } catch (System.InvalidOperationException) { }
                }
            }
        }

        [TestMethod]
        public void LeafOnlyServerIsDiagnosedAndFullChainValidates()
        {
            LabNetwork.Require("openssl");
            if (!File.Exists(Pki("server.crt"))) Assert.Inconclusive("../shared/lab/pki is not beside the repository");
            var (exit1, out1) = Probe(false);
            Assert.AreEqual(1, exit1, out1);
            StringAssert.Contains(out1, "presented 1 certificate:");
            StringAssert.Contains(out1, "NOT VALID (missing-issuer)");
            StringAssert.Contains(out1, "no certificate for issuer \"CN=Lab Issuing CA\"");
            var (exit2, out2) = Probe(true);
            Assert.AreEqual(0, exit2, out2);
            StringAssert.Contains(out2, "presented 2 certificates:");
            StringAssert.Contains(out2, "VALID: valid: 3 certificates, anchored at \"CN=Lab Root CA\"");
        }
    }
}
