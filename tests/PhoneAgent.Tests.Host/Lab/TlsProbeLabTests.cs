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
