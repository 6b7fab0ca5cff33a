using System;
using System.Security.Cryptography.X509Certificates;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Cli.Host;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.X509;
using PhoneAgent.Tests.Host.Support;

namespace PhoneAgent.Tests.Host.Eap
{
    /// <summary>HostTlsTunnelPort, the SslStream-over-memory TLS engine behind EAP-TLS and PEAP,
    /// against an SslStream server driven the same synchronous way: records are carried by
    /// hand, one flight per call, as EAP carries them. The server's chain is checked by the
    /// core (missing anchor, host name, EKU); a server refusing the client's certificate is
    /// seen as the alert it sends.</summary>
    [TestClass]
    public class HostTlsTunnelTests
    {
        private static readonly TestPki.Issued Root = TestPki.Root("CN=Tunnel Root");
        private static readonly TestPki.Issued Int = TestPki.Issue(Root, new TestPki.Spec { Subject = "CN=Tunnel Issuing CA", Ca = true, PathLen = 0 });
        private static readonly TestPki.Issued Server = TestPki.Issue(Int, new TestPki.Spec
        {
            Subject = "CN=radius.test", Dns = new[] { "radius.test" }, Eku = new[] { ValidationPolicy.EkuServerAuth },
        });
        private static readonly TestPki.Issued Client = TestPki.Issue(Int, new TestPki.Spec
        {
            Subject = "CN=phone1.test", Eku = new[] { ValidationPolicy.EkuClientAuth },
        });

        private static X509Certificate2 WithKey(TestPki.Issued i) =>
            X509CertificateLoader.LoadPkcs12(i.Cert.CopyWithPrivateKey(i.Key).Export(X509ContentType.Pkcs12), null);

        private static HostTlsTunnelPort Port(params TestPki.Issued[] anchors) =>
            new(new PathValidator(TestPki.Core(anchors), null), new ValidationPolicy { Purpose = ValidationPolicy.EkuServerAuth });

        private static ITlsTunnel ServerEnd(TestPki.Issued leaf, Func<System.Security.Cryptography.X509Certificates.X509Certificate, bool> checkClient)
        {
            return HostTlsTunnelPort.OpenServer(WithKey(leaf), new X509Certificate2Collection(Int.Cert),
                checkClient == null ? null : (_, c, _, _) => checkClient(c));
        }

        /// <summary>Carries flights between the two ends until neither has anything to send;
        /// returns the number of flights carried.</summary>
        private static int Shuttle(ITlsTunnel client, ITlsTunnel server)
        {
            int flights = 0;
            for (int i = 0; i < 20; i++)
            {
                byte[] c = client.TakeOutgoing();
                if (c != null) { server.Receive(c, 0, c.Length); flights++; }
                byte[] s = server.TakeOutgoing();
                if (s != null) { client.Receive(s, 0, s.Length); flights++; }
                if (c == null && s == null) return flights;
            }
            Assert.Fail("the handshake did not settle in 20 rounds");
            return flights;
        }

        [TestMethod]
        public void MutualHandshakeThenApplicationDataBothWays()
        {
            var server = ServerEnd(Server, c => c != null && c.Subject == "CN=phone1.test");
            var port = Port(Root);
            byte[] chain = Concat(Client.Cert.RawData, Int.Cert.RawData);
            var client = port.Open("radius.test", chain, Client.Key.ExportPkcs8PrivateKey(), out string reason);
            Assert.IsNotNull(client, reason);
            Assert.AreEqual(TlsTunnelState.Handshaking, client.State, "waiting for the server after the ClientHello");
            int flights = Shuttle(client, server);
            Assert.AreEqual(TlsTunnelState.Established, client.State, client.FailureReason);
            Assert.AreEqual(TlsTunnelState.Established, server.State, server.FailureReason);
            Assert.AreEqual(4, flights, "ClientHello; ServerHello..Done; Certificate..Finished; CCS+Finished");
            Assert.AreEqual("TLSv1.2", client.Protocol);
            Assert.AreEqual(2, client.PeerCertificates.Length, "leaf and intermediate as sent");
            CollectionAssert.AreEqual(Server.Cert.RawData, client.PeerCertificates[0]);
            Assert.IsTrue(port.LastValidation.Valid);
            Assert.IsNull(client.ExportKeyingMaterial("client EAP encryption", 64), ".NET has no exporter");

            // PEAP phase 2 rides on this: data written on one end is read on the other.
            byte[] hello = System.Text.Encoding.ASCII.GetBytes("inner EAP");
            client.Write(hello, 0, hello.Length);
            byte[] record = client.TakeOutgoing();
            Assert.IsTrue(record != null && record[0] == 23, "an application_data record");
            server.Receive(record, 0, record.Length);
            CollectionAssert.AreEqual(hello, server.TakeIncoming());
            server.Write(hello, 0, 5);
            record = server.TakeOutgoing();
            client.Receive(record, 0, record.Length);
            CollectionAssert.AreEqual(hello[..5], client.TakeIncoming());
            Assert.IsNull(client.TakeIncoming());
            client.Close();
            server.Close();
            Assert.AreEqual(TlsTunnelState.Closed, client.State);
        }

        [TestMethod]
        public void ServerWithoutTheAnchorIsUntrusted()
        {
            var other = TestPki.Root("CN=Some Other Root");
            var server = ServerEnd(Server, null);
            var port = Port(other);
            var client = port.Open("radius.test", null, null, out string reason);
            Assert.IsNotNull(client, reason);
            Shuttle(client, server);
            Assert.AreEqual(TlsTunnelState.Failed, client.State);
            StringAssert.StartsWith(client.FailureReason, "untrusted server certificate (missing-issuer)");
            StringAssert.Contains(client.FailureReason, "Tunnel Issuing CA");
            Assert.AreEqual(2, client.PeerCertificates.Length, "what the server sent is kept for the diagnosis");
            Assert.AreEqual(TlsTunnelState.Failed, server.State, "the phone's alert, not its certificate and Finished, went to the server");
            StringAssert.Contains(server.FailureReason, "unknown ca");
        }

        [TestMethod]
        public void NameMismatchAndWrongEkuAreTheValidatorsReasons()
        {
            var client = Port(Root).Open("nps.test", null, null, out string reason);
            Shuttle(client, ServerEnd(Server, null));
            Assert.AreEqual(TlsTunnelState.Failed, client.State);
            StringAssert.StartsWith(client.FailureReason, "untrusted server certificate (host-name)");
            StringAssert.Contains(client.FailureReason, "nps.test");

            var clientEku = TestPki.Issue(Int, new TestPki.Spec { Subject = "CN=radius.test", Dns = new[] { "radius.test" }, Eku = new[] { ValidationPolicy.EkuClientAuth } });
            client = Port(Root).Open("radius.test", null, null, out reason);
            Shuttle(client, ServerEnd(clientEku, null));
            StringAssert.StartsWith(client.FailureReason, "untrusted server certificate (eku)");

            // Without a server name only the chain is checked.
            client = Port(Root).Open(null, null, null, out reason);
            Shuttle(client, ServerEnd(Server, null));
            Assert.AreEqual(TlsTunnelState.Established, client.State, client.FailureReason);
        }

        [TestMethod]
        public void AnAlertFromTheServerFailsTheTunnel()
        {
            // An SslStream server validates the client only after its Finished (no alert), so the
            // alert an OpenSSL server (hostapd, FreeRADIUS) sends is given by hand here; the lab
            // tests see the real ones. Fatal certificate_expired (45), RFC 5246 §7.2, clear text.
            var client = Port(Root).Open("radius.test", Client.Cert.RawData, Client.Key.ExportPkcs8PrivateKey(), out string reason);
            Assert.IsNotNull(client.TakeOutgoing(), "the ClientHello");
            client.Receive(new byte[] { 21, 3, 3, 0, 2, 2, 45 }, 0, 7);
            Assert.AreEqual(TlsTunnelState.Failed, client.State);
            Console.WriteLine(client.FailureReason);
            StringAssert.Contains(client.FailureReason, "certificate expired");
        }

        [TestMethod]
        public void BadClientMaterialIsRefusedAtOpen()
        {
            var port = Port(Root);
            Assert.IsNull(port.Open("radius.test", new byte[] { 0x30, 0x82, 0x10 }, new byte[4], out string reason));
            StringAssert.Contains(reason, "not DER");
            Assert.IsNull(port.Open("radius.test", Client.Cert.RawData, Server.Key.ExportPkcs8PrivateKey(), out reason));
            StringAssert.Contains(reason, "does not belong");
            var split = HostTlsTunnelPort.SplitDer(Concat(Client.Cert.RawData, Int.Cert.RawData, Root.Cert.RawData));
            Assert.AreEqual(3, split.Length);
            CollectionAssert.AreEqual(Int.Cert.RawData, split[1]);
            Assert.IsNull(HostTlsTunnelPort.SplitDer(Concat(Client.Cert.RawData, new byte[] { 0x30 })), "a truncated second certificate");
        }

        private static byte[] Concat(params byte[][] parts)
        {
            int n = 0;
            foreach (var p in parts) n += p.Length;
            var r = new byte[n];
            int at = 0;
            foreach (var p in parts) { p.CopyTo(r, at); at += p.Length; }
            return r;
        }
    }
}
