#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Tls;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Tls
{
    /// <summary>The probe's record and handshake parsing (RFC 5246 §6.2, §7.4): a server flight
    /// built to the RFC's layouts, fed whole and byte by byte, and one row per malformation.
    /// The real-server check is the lab test against openssl s_server.</summary>
    [TestClass]
    public class TlsCertificateReaderTests
    {
        // ServerHello (TLS 1.2, no extensions), then Certificate with two fake "certificates".
        private const string ServerHello = "02000026" + "0303" +
            "0101010101010101010101010101010101010101010101010101010101010101" + "00" + "c02f" + "00";
        private const string Certificate = "0b00000f" + "00000c" + "000003aabbcc" + "000003ddeeff";

        private static byte[] Records(string handshakeHex, int split)
        {
            // Wrap the handshake bytes into records of at most split bytes each.
            byte[] hs = Hex.TryParse(handshakeHex);
            int records = (hs.Length + split - 1) / split;
            byte[] r = new byte[hs.Length + 5 * records];
            int p = 0;
            for (int o = 0; o < hs.Length; o += split)
            {
                int n = hs.Length - o < split ? hs.Length - o : split;
                r[p++] = 22; r[p++] = 3; r[p++] = 3; r[p++] = (byte)(n >> 8); r[p++] = (byte)n;
                System.Array.Copy(hs, o, r, p, n);
                p += n;
            }
            return r;
        }

        [TestMethod]
        public void CertificatesAreTakenWholeOrInPieces()
        {
            int[] splits = new int[] { 1000, 7, 1 };
            for (int s = 0; s < splits.Length; s++)
            {
                byte[] flight = Records(ServerHello + Certificate, splits[s]);
                TlsCertificateReader whole = new TlsCertificateReader();
                whole.Feed(flight, 0, flight.Length);
                TlsCertificateReader bytewise = new TlsCertificateReader();
                for (int i = 0; i < flight.Length; i++) bytewise.Feed(flight, i, 1);
                TlsCertificateReader[] both = new TlsCertificateReader[] { whole, bytewise };
                for (int k = 0; k < 2; k++)
                {
                    Assert.AreEqual(TlsCertificateReader.GotCertificates, both[k].State, both[k].Reason);
                    Assert.AreEqual(0x0303, both[k].ServerVersion);
                    Assert.AreEqual(2, both[k].Certificates.Length);
                    Assert.AreEqual("aabbcc", Hex.Bytes(both[k].Certificates[0]));
                    Assert.AreEqual("ddeeff", Hex.Bytes(both[k].Certificates[1]));
                }
            }
        }

        [TestMethod]
        public void AlertsAndTls13AreExplained()
        {
            TlsCertificateReader r = new TlsCertificateReader();
            byte[] alert = Hex.TryParse("15030300020228");
            r.Feed(alert, 0, alert.Length);
            Assert.AreEqual(TlsCertificateReader.Failed, r.State);
            Expect.Contains(r.Reason, "alert 40", "alert");
            // TLS 1.3 ServerHello: supported_versions (43) = 0x0304.
            string hello13 = "0200002e" + "0303" + "0101010101010101010101010101010101010101010101010101010101010101" + "00" + "1301" + "00" + "0006" + "002b00020304";
            TlsCertificateReader t = new TlsCertificateReader();
            byte[] f = Records(hello13, 1000);
            t.Feed(f, 0, f.Length);
            Assert.AreEqual(TlsCertificateReader.Failed, t.State);
            Expect.Contains(t.Reason, "TLS 1.3", "1.3");
        }

        [TestMethod]
        public void Malformations()
        {
            string[] bad = new string[]
            {
                "160303000402000002",                                          // record shorter than its handshake header claims... then a bad length
                "48545450",                                                    // "HTTP": not TLS
                "170303000100",                                                // application data before Certificate
            };
            TlsCertificateReader r = new TlsCertificateReader();
            byte[] http = Hex.TryParse(bad[1] + "2f312e31");
            r.Feed(http, 0, http.Length);
            Assert.AreEqual(TlsCertificateReader.Failed, r.State);
            Expect.Contains(r.Reason, "not a TLS server", "HTTP");
            r = new TlsCertificateReader();
            byte[] app = Hex.TryParse(bad[2]);
            r.Feed(app, 0, app.Length);
            Assert.AreEqual(TlsCertificateReader.Failed, r.State);
            // Certificate entry running past the message, empty list, list length mismatch, oversized record.
            string[] certs = new string[] { "0b000006000003000009", "0b00000300000000", "0b000006000004000001aa", };
            for (int i = 0; i < certs.Length; i++)
            {
                r = new TlsCertificateReader();
                byte[] f = Records(ServerHello + certs[i], 1000);
                r.Feed(f, 0, f.Length);
                Assert.AreEqual(TlsCertificateReader.Failed, r.State, "row " + i.ToString());
            }
            r = new TlsCertificateReader();
            byte[] huge = Hex.TryParse("16030350ff");
            r.Feed(huge, 0, huge.Length);
            Assert.AreEqual(TlsCertificateReader.Failed, r.State);
            // Nothing complete yet: still waiting, no exception.
            r = new TlsCertificateReader();
            byte[] partial = Hex.TryParse("16030300");
            r.Feed(partial, 0, partial.Length);
            Assert.AreEqual(TlsCertificateReader.NeedMore, r.State);
        }

        [TestMethod]
        public void ClientHelloIsWellFormed()
        {
            byte[] h = TlsClientHello.Build("web.lab.test", new SeededRandom(1));
            Assert.AreEqual(22, (int)h[0]);
            Assert.AreEqual(h.Length - 5, (h[3] << 8) | h[4]);
            Assert.AreEqual(1, (int)h[5]);                                       // ClientHello
            Assert.AreEqual(h.Length - 9, (h[6] << 16) | (h[7] << 8) | h[8]);
            Assert.AreEqual(0x0303, (h[9] << 8) | h[10]);
            Assert.IsTrue(Hex.Bytes(h).IndexOf(Hex.Bytes(Ascii.GetBytes("web.lab.test"))) > 0, "SNI carried");
            Expect.ThrowsArgument(delegate { TlsClientHello.Build(new string('a', 300), new SeededRandom(1)); }, "SNI too long");
        }
    }
}
