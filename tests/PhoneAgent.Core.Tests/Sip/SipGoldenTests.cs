#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Sip
{
    /// <summary>The REGISTER / 401 / REGISTER / 200 exchange captured between SIPp and kamailio
    /// (SipVectors): every view a registering phone reads, and byte-for-byte round trips.</summary>
    [TestClass]
    public class SipGoldenTests
    {
        [TestMethod]
        public void RegisterFromSippParsesEveryView()
        {
            SipMessage m = SipTestUtil.Parse(SipVectors.UdpRegister);
            Assert.IsTrue(m.IsRequest);
            Assert.AreEqual("REGISTER", m.Method);
            Assert.AreEqual("sip:sip.lab.test", m.RequestUri);
            Assert.AreEqual("sip.lab.test", m.RequestSipUri.Host);
            Assert.IsNull(m.RequestSipUri.User);
            Assert.AreEqual("SIP/2.0", m.Version);
            Assert.AreEqual(1, m.ViaCount);
            SipVia v = m.TopVia;
            Assert.AreEqual("SIP", v.ProtocolName);
            Assert.AreEqual("2.0", v.ProtocolVersion);
            Assert.AreEqual("UDP", v.Transport);
            Assert.AreEqual("127.0.0.1", v.Host);
            Assert.AreEqual(SipHost.IPv4, v.HostKind);
            Assert.AreEqual(5070, v.Port);
            Assert.AreEqual("z9hG4bK-15007-1-0", v.Branch);
            Assert.IsTrue(v.HasMagicCookie);
            Assert.IsTrue(v.HasRPort, "rport without a value");
            Assert.AreEqual(-1, v.RPort);
            Assert.AreEqual(70, m.MaxForwards);
            Assert.AreEqual("15007SIPpTag001", m.From.Tag);
            Assert.AreEqual("1001", m.From.Uri.User);
            Assert.AreEqual("sip.lab.test", m.From.Uri.Host);
            Assert.IsTrue(m.From.NameAddr);
            Assert.IsNull(m.From.DisplayName);
            Assert.IsNull(m.To.Tag);
            Assert.AreEqual("1-15007@127.0.0.1", m.CallId);
            Assert.AreEqual(1, m.CSeq.Number);
            Assert.AreEqual("REGISTER", m.CSeq.Method);
            Assert.AreEqual(1, m.ContactCount);
            SipAddress c = m.ContactAt(0);
            Assert.AreEqual("UDP", c.Uri.Transport);
            Assert.AreEqual(5070, c.Uri.Port);
            Assert.AreEqual(-1, c.Expires);
            Assert.AreEqual(300L, m.Expires);
            Assert.AreEqual(0, m.ContentLength);
            Assert.AreEqual("SIPp-lab", m.GetHeader("user-agent"));
            Assert.AreEqual(0, m.Body.Length);
            Assert.IsNull(m.SemanticCheck());
        }

        [TestMethod]
        public void ChallengeKeepsWwwAuthenticateWhole()
        {
            SipMessage m = SipTestUtil.Parse(SipVectors.Udp401);
            Assert.IsFalse(m.IsRequest);
            Assert.AreEqual(401, m.StatusCode);
            Assert.AreEqual("Unauthorized", m.ReasonPhrase);
            SipVia v = m.TopVia;
            Assert.AreEqual(5070, v.RPort, "rport filled in by kamailio (RFC 3581 §4)");
            Assert.AreEqual("127.0.0.1", v.Received);
            Assert.AreEqual("9dd61ff61e802d8e2bef5f14621ef3c2.315bf465", m.To.Tag);
            string[] w = m.WwwAuthenticate;
            Assert.AreEqual(1, w.Length);
            Assert.AreEqual("Digest realm=\"sip.lab.test\", nonce=\"awNhiWsDYF3LhWvNRvKUGKA8qRsWkUa+\"", w[0]);
            Assert.AreEqual(1, m.GetValues("WWW-Authenticate").Length, "not split at the comma");
            Assert.AreEqual("kamailio (5.6.3 (x86_64/linux))", m.GetHeader("Server"));
            Assert.IsNull(m.SemanticCheck());
        }

        [TestMethod]
        public void RegisterWithAuthorizationKeepsItWhole()
        {
            SipMessage m = SipTestUtil.Parse(SipVectors.UdpRegisterAuth);
            Assert.AreEqual(2, m.CSeq.Number);
            string a = m.GetHeader("authorization");
            Assert.IsTrue(a.StartsWith("Digest username=\"1001\",realm=\"sip.lab.test\""));
            Assert.IsTrue(a.EndsWith("algorithm=MD5"));
            Assert.AreEqual(1, m.GetValues("Authorization").Length);
        }

        [TestMethod]
        public void OkListsTheBindingsWithExpires()
        {
            SipMessage m = SipTestUtil.Parse(SipVectors.Udp200);
            Assert.AreEqual(200, m.StatusCode);
            Assert.AreEqual(1, m.ContactCount);
            Assert.AreEqual(300L, m.ContactAt(0).Expires);
            Assert.AreEqual("sip:1001@127.0.0.1:5070;transport=UDP", m.ContactAt(0).Uri.ToString());

            SipMessage t = SipTestUtil.Parse(SipVectors.Tcp200);
            Assert.AreEqual("TCP", t.TopVia.Transport);
            Assert.AreEqual(2, t.ContactCount, "two values in one Contact field");
            Assert.AreEqual(299L, t.ContactAt(0).Expires);
            Assert.AreEqual("UDP", t.ContactAt(0).Uri.Transport);
            Assert.AreEqual(300L, t.ContactAt(1).Expires);
            Assert.AreEqual(5072, t.ContactAt(1).Uri.Port);
            Assert.AreEqual(2, t.GetValues("m").Length);
            Assert.IsNull(t.SemanticCheck());
        }

        [TestMethod]
        public void CapturedMessagesRoundTripByteForByte()
        {
            string[] all =
            {
                SipVectors.UdpRegister, SipVectors.Udp401, SipVectors.UdpRegisterAuth, SipVectors.Udp200,
                SipVectors.TcpRegister, SipVectors.Tcp401, SipVectors.TcpRegisterAuth, SipVectors.Tcp200,
            };
            for (int i = 0; i < all.Length; i++)
            {
                byte[] wire = SipTestUtil.Bytes(all[i]);
                SipMessage m = SipTestUtil.Parse(all[i]);
                Expect.Bytes(wire, SipWriter.Write(m), "vector " + i.ToString() + " rewritten");
            }
        }
    }
}
