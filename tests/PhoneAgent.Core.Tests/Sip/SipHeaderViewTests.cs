#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Sip
{
    /// <summary>name-addr / addr-spec, Via, CSeq and Retry-After views (RFC 3261 §20, §25.1;
    /// RFC 3581; RFC 5626 §4.1).</summary>
    [TestClass]
    public class SipHeaderViewTests
    {
        private static SipAddress Addr(string s)
        {
            string e;
            SipAddress a = SipAddress.TryParse(s, out e);
            Assert.IsNotNull(a, s + ": " + e);
            return a;
        }

        private static string BadAddr(string s)
        {
            string e;
            Assert.IsNull(SipAddress.TryParse(s, out e), s + " must be refused");
            return e;
        }

        private static SipVia Via(string s)
        {
            string e;
            SipVia v = SipVia.TryParse(s, out e);
            Assert.IsNotNull(v, s + ": " + e);
            return v;
        }

        [TestMethod]
        public void NameAddrForms()
        {
            SipAddress a = Addr("\"Alice \\\"A\\\" Smith\" <sip:alice@atlanta.com>;tag=1928301774");
            Assert.AreEqual("Alice \"A\" Smith", a.DisplayName);
            Assert.AreEqual("1928301774", a.Tag);
            Assert.IsTrue(a.NameAddr);
            Assert.AreEqual("\"Alice \\\"A\\\" Smith\" <sip:alice@atlanta.com>;tag=1928301774", a.ToString());

            a = Addr("Bob   Q   Public<sip:bob@biloxi.com>");
            Assert.AreEqual("Bob   Q   Public", a.DisplayName, "token display name, no LWS before < (RFC 4475 §3.1.1.6)");

            a = Addr("sip:bob@biloxi.com ; tag = a6c85cf");
            Assert.IsFalse(a.NameAddr);
            Assert.AreEqual("a6c85cf", a.Tag);
            Assert.AreEqual("sip:bob@biloxi.com;tag=a6c85cf", a.ToString());

            a = Addr("<sip:+19725552222@gw1.example.net;unknownparam>");
            Assert.IsTrue(a.Uri.Parameters.Contains("unknownparam"), "URI parameter inside <> (RFC 4475 §3.3.13)");
            Assert.AreEqual(0, a.Parameters.Count);
            a = Addr("sip:+19725552222@gw1.example.net;unknownparam");
            Assert.AreEqual(0, a.Uri.Parameters.Count, "header parameter outside <> (RFC 4475 §3.3.12)");
            Assert.IsTrue(a.Parameters.Contains("unknownparam"));

            a = Addr("<tel:+12125551212>;tag=x");
            Assert.IsNull(a.Uri);
            Assert.AreEqual("tel", a.Scheme);
            Assert.AreEqual("tel:+12125551212", a.UriText);
        }

        [TestMethod]
        public void ContactParametersOfARegisteringPhone()
        {
            // RFC 5626 §4.1 / RFC 3840: +sip.instance is a quoted "<urn:uuid:...>".
            SipAddress a = Addr("<sip:1001@10.77.0.2:5060;transport=tcp;ob>;reg-id=1;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";expires=3600;q=0.7");
            Assert.AreEqual("<urn:uuid:00000000-0000-1000-8000-000A95A0E128>", a.Instance);
            Assert.AreEqual(3600L, a.Expires);
            Assert.AreEqual("0.7", a.Q);
            Assert.AreEqual("1", a.Parameters.Get("reg-id"));
            Assert.IsTrue(a.Uri.Parameters.Contains("ob"));
            Assert.AreEqual("<sip:1001@10.77.0.2:5060;transport=tcp;ob>;reg-id=1;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";expires=3600;q=0.7", a.ToString());
            Assert.AreEqual(-1L, Addr("<sip:a@b.example>;expires=4294967296").Expires, "outside delta-seconds");

            SipAddress built = new SipAddress(null, new SipUri("sip", "1001", "10.77.0.2", 5060));
            built.Parameters.Add("+sip.instance", "<urn:uuid:1>", true);
            built.Parameters.Add("expires", "300", false);
            Assert.AreEqual("<sip:1001@10.77.0.2:5060>;+sip.instance=\"<urn:uuid:1>\";expires=300", built.ToString());
            Assert.AreEqual("\"Doe, J.\" <sip:j@b.example>", new SipAddress("Doe, J.", new SipUri("sip", "j", "b.example", -1)).ToString());
            Assert.AreEqual("J. Doe <sip:j@b.example>", new SipAddress("J. Doe", new SipUri("sip", "j", "b.example", -1)).ToString(), "tokens need no quotes");
        }

        [TestMethod]
        public void MalformedAddresses()
        {
            Expect.Contains(BadAddr("\"Mr. J. User <sip:j.user@example.com>"), "unterminated", "quote");
            Expect.Contains(BadAddr("\"Watson, Thomas\" < sip:t.watson@example.org >"), "whitespace inside <>", "spaces");
            Expect.Contains(BadAddr("Bell, Alexander <sip:a.g.bell@example.com>;tag=43"), "not quoted", "unquoted comma");
            Expect.Contains(BadAddr("sip:user@example.com?Route=%3Csip:sip.example.com%3E"), "<>", "headers in addr-spec");
            Expect.Contains(BadAddr("<sip:a@b.example>;;"), "empty parameter", "empty param");
            Expect.Contains(BadAddr("<sip:a@b.example>;tag="), "no value", "empty value");
            Expect.Contains(BadAddr("<sip:a@b.example"), "'>'", "no >");
            Expect.Contains(BadAddr("<sip:a@b.example> x"), "unexpected", "junk");
            Expect.Contains(BadAddr("just words"), "URI", "no URI");
            Expect.Contains(BadAddr(""), "empty", "empty");
            Expect.Contains(BadAddr("<1sip:a>"), "URI", "bad scheme");
        }

        [TestMethod]
        public void ViaValues()
        {
            SipVia v = Via("SIP / 2.0 / TCP  spindle.example.com : 5061 ; branch = z9hG4bK9ikj8 ;rport;received=[2001:db8::9];ttl=16;maddr=224.2.0.1");
            Assert.AreEqual("TCP", v.Transport);
            Assert.AreEqual("spindle.example.com", v.Host);
            Assert.AreEqual(5061, v.Port);
            Assert.AreEqual("z9hG4bK9ikj8", v.Branch);
            Assert.IsTrue(v.HasRPort);
            Assert.AreEqual(-1, v.RPort);
            Assert.AreEqual("[2001:db8::9]", v.Received);
            Assert.AreEqual("224.2.0.1", v.Maddr);
            Assert.AreEqual("SIP/2.0/TCP spindle.example.com:5061;branch=z9hG4bK9ikj8;rport;received=[2001:db8::9];ttl=16;maddr=224.2.0.1", v.ToString());
            v = Via("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKa;rport=5070;received=2001:db8::2");
            Assert.AreEqual(SipHost.IPv6, v.HostKind);
            Assert.AreEqual(5070, v.RPort);
            Assert.IsFalse(Via("SIP/2.0/UDP h.example;branch=1234").HasMagicCookie);
            Assert.AreEqual("SIP/2.0/WSS h.example;branch=z9hG4bKq;rport", new SipVia("WSS", "h.example", -1, "z9hG4bKq", true).ToString());

            string e;
            Assert.IsNull(SipVia.TryParse("SIP/2.0/UDP", out e));
            Assert.IsNull(SipVia.TryParse("SIP/2.0/UDPhost", out e));
            Assert.IsNull(SipVia.TryParse("SIP/2.0 UDP host", out e));
            Assert.IsNull(SipVia.TryParse("SIP/2.0/UDP host;ttl=256", out e));
            Expect.Contains(e, "ttl", "ttl");
            Assert.IsNull(SipVia.TryParse("SIP/2.0/UDP host;rport=70000", out e));
            Assert.IsNull(SipVia.TryParse("SIP/2.0/UDP host;received=host.example", out e));
            Assert.IsNull(SipVia.TryParse("SIP/2.0/UDP host;branch", out e));
            Assert.IsNull(SipVia.TryParse("SIP/2.0/UDP host:99999", out e));
            Assert.IsNull(SipVia.TryParse("SIP/2.0/UDP host junk", out e));
        }

        [TestMethod]
        public void CSeqBounds()
        {
            string e;
            SipCSeq c = SipCSeq.TryParse("0009  INVITE", out e);
            Assert.AreEqual(9, c.Number);
            Assert.AreEqual("INVITE", c.Method);
            Assert.AreEqual("9 INVITE", c.ToString());
            Assert.AreEqual(2147483647, SipCSeq.TryParse("2147483647 REGISTER", out e).Number);
            Assert.IsNull(SipCSeq.TryParse("2147483648 REGISTER", out e));
            Assert.IsNull(SipCSeq.TryParse("36893488147419103232 REGISTER", out e));
            Assert.IsNull(SipCSeq.TryParse("-1 REGISTER", out e));
            Assert.IsNull(SipCSeq.TryParse("1", out e));
        }

        [TestMethod]
        public void RetryAfterWithCommentAndDuration()
        {
            string e;
            // RFC 3261 §20.33 example
            SipRetryAfter r = SipRetryAfter.TryParse("18000;duration=3600", out e);
            Assert.AreEqual(18000L, r.Seconds);
            Assert.AreEqual(3600L, r.Duration);
            Assert.IsNull(r.Comment);
            r = SipRetryAfter.TryParse("120 (I'm in a meeting)", out e);
            Assert.AreEqual(120L, r.Seconds);
            Assert.AreEqual("I'm in a meeting", r.Comment);
            Assert.AreEqual(-1L, r.Duration);
            r = SipRetryAfter.TryParse("5 (outer (inner) \\) x) ;duration=7;x=y", out e);
            Assert.AreEqual("outer (inner) ) x", r.Comment);
            Assert.AreEqual(7L, r.Duration);
            Assert.AreEqual("y", r.Parameters.Get("x"));
            Assert.IsNull(SipRetryAfter.TryParse("949302838503028349304023988", out e));
            Assert.IsNull(SipRetryAfter.TryParse("5 (open", out e));
            Assert.IsNull(SipRetryAfter.TryParse("5;duration=x", out e));
            Assert.IsNull(SipRetryAfter.TryParse("5 ((((((((((deep))))))))))", out e));
            Expect.Contains(e, "deeply", "depth cap");
        }
    }
}
