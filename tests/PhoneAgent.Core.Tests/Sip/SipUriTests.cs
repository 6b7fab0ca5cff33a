#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Sip
{
    /// <summary>SIP and SIPS URIs (RFC 3261 §19.1.1, grammar §25.1).</summary>
    [TestClass]
    public class SipUriTests
    {
        private static SipUri Parse(string s)
        {
            string e;
            SipUri u = SipUri.TryParse(s, out e);
            Assert.IsNotNull(u, s + ": " + e);
            return u;
        }

        private static string Bad(string s)
        {
            string e;
            Assert.IsNull(SipUri.TryParse(s, out e), s + " must be refused");
            return e;
        }

        [TestMethod]
        public void Rfc3261Examples()
        {
            // RFC 3261 §19.1.3 examples
            SipUri u = Parse("sip:alice:secretword@atlanta.com;transport=tcp");
            Assert.AreEqual("alice", u.User);
            Assert.IsTrue(u.HadPassword);
            Assert.AreEqual("tcp", u.Transport);
            Expect.NotContains(u.ToString(), "secretword", "password never written");
            Assert.AreEqual("sip:alice@atlanta.com;transport=tcp", u.ToString());

            u = Parse("sips:alice@atlanta.com?subject=project%20x&priority=urgent");
            Assert.IsTrue(u.IsSecure);
            Assert.AreEqual(2, u.Headers.Count);
            Assert.AreEqual("project x", u.Headers.Get("subject"));
            Assert.AreEqual("urgent", u.Headers.Get("priority"));
            Assert.AreEqual("sips:alice@atlanta.com?subject=project%20x&priority=urgent", u.ToString());

            u = Parse("sip:+1-212-555-1212:1234@gateway.com;user=phone");
            Assert.AreEqual("+1-212-555-1212", u.User);
            Assert.AreEqual("phone", u.UserParam);

            u = Parse("sips:1212@gateway.com");
            Assert.AreEqual("1212", u.User);

            u = Parse("sip:alice@192.0.2.4");
            Assert.AreEqual(SipHost.IPv4, u.HostKind);

            u = Parse("sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com");
            Assert.IsNull(u.User);
            Assert.AreEqual("REGISTER", u.Parameters.Get("method"));
            Assert.AreEqual("alice@atlanta.com", u.Headers.Get("to"));

            u = Parse("sip:alice;day=tuesday@atlanta.com");
            Assert.AreEqual("alice;day=tuesday", u.User);
            Assert.AreEqual("atlanta.com", u.Host);
        }

        [TestMethod]
        public void HostsPortsAndParameters()
        {
            SipUri u = Parse("sip:[2001:db8::10]:5061;transport=tls;lr;maddr=239.255.255.1");
            Assert.AreEqual("[2001:db8::10]", u.Host);
            Assert.AreEqual(SipHost.IPv6, u.HostKind);
            Assert.AreEqual(5061, u.Port);
            Assert.IsTrue(u.LooseRoute);
            Assert.IsNull(u.Parameters.Get("lr"));
            Assert.AreEqual("239.255.255.1", u.Maddr);
            Assert.AreEqual("sip:[2001:db8::10]:5061;transport=tls;lr;maddr=239.255.255.1", u.ToString());
            Assert.AreEqual(SipHost.IPv6, Parse("sip:[::ffff:192.0.2.1]").HostKind);
            Assert.AreEqual(SipHost.IPv6, Parse("sip:[::1]").HostKind);
            Assert.AreEqual(SipHost.Name, Parse("SIP:Host-1.Example.COM.").HostKind);
            Assert.AreEqual("sip", Parse("SIP:a@b.example").Scheme);
            Assert.AreEqual(-1, Parse("sip:b.example").Port);
            Assert.AreEqual(65535, Parse("sip:b.example:65535").Port);
        }

        [TestMethod]
        public void EscapesAreResolvedOnceAndWrittenBack()
        {
            // RFC 4475 §3.1.1.3: "%25%34%31" is "%41", not "A".
            SipUri u = Parse("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31");
            Assert.AreEqual("caller", u.User);
            Assert.IsTrue(u.LooseRoute);
            Assert.AreEqual("value%41", u.Parameters.Get("name"));
            Assert.AreEqual("sip:caller@host5.example.net;lr;name=value%2541", u.ToString());
            // RFC 4475 §3.1.1.4: %00 keeps the user's full length.
            u = Parse("sip:null-%00-null@example.com");
            Assert.AreEqual(11, u.User.Length);
            Assert.AreEqual('\0', u.User[5]);
            Assert.AreEqual("sip:null-%00-null@example.com", u.ToString());
            u = Parse("sip:sips%3Auser%40example.com@example.net");
            Assert.AreEqual("sips:user@example.com", u.User);
            Assert.AreEqual("sip:sips%3Auser%40example.com@example.net", u.ToString());
            u = Parse("sip:%C3%A9t%C3%A9@example.com");
            Assert.AreEqual("\u00e9t\u00e9", u.User);
            Assert.AreEqual("sip:%C3%A9t%C3%A9@example.com", u.ToString());
        }

        [TestMethod]
        public void BuiltUrisWriteTheirParts()
        {
            SipUri u = new SipUri("sip", "1001", "10.77.0.2", 5060);
            u.Parameters.Add("transport", "tcp", false);
            Assert.AreEqual("sip:1001@10.77.0.2:5060;transport=tcp", u.ToString());
            Assert.AreEqual("sips:phone.example.com", new SipUri("SIPS", null, "phone.example.com", -1).ToString());
            Expect.ThrowsArgument(delegate { new SipUri("tel", "1", "a.example", -1); }, "scheme");
            Expect.ThrowsArgument(delegate { new SipUri("sip", "1", "a b", -1); }, "host");
            Expect.ThrowsArgument(delegate { new SipUri("sip", "1", "a.example", 65536); }, "port");
        }

        [TestMethod]
        public void MalformedUrisAreRefused()
        {
            Expect.Contains(Bad("tel:+1234"), "not sip", "scheme");
            Expect.Contains(Bad("sip"), "no scheme", "no colon");
            Expect.Contains(Bad("sip:@example.com"), "empty user", "empty user");
            Expect.Contains(Bad("sip:a b@example.com"), "user", "space in user");
            Expect.Contains(Bad("sip:a@"), "no host", "no host");
            Expect.Contains(Bad("sip:a@-x.example"), "host", "label starts with -");
            Expect.Contains(Bad("sip:a@x_y.example"), "host", "underscore");
            Expect.Contains(Bad("sip:a@example.123"), "host", "numeric toplabel");
            Expect.Contains(Bad("sip:a@256.1.1.1"), "host", "IPv4 octet");
            Expect.Contains(Bad("sip:a@[2001:db8::1"), "IPv6", "unterminated");
            Expect.Contains(Bad("sip:a@[2001:db8:::1]"), "host", ":::");
            Expect.Contains(Bad("sip:a@[1:2:3:4:5:6:7:8:9]"), "host", "9 groups");
            Expect.Contains(Bad("sip:a@[1:2:3:4:5:6:7]"), "host", "7 groups without ::");
            Expect.Contains(Bad("sip:a@example.com:65536"), "port", "port range");
            Expect.Contains(Bad("sip:a@example.com:"), "port", "empty port");
            Expect.Contains(Bad("sip:a@example.com;"), "empty parameter", "empty param");
            Expect.Contains(Bad("sip:a@example.com;p="), "no value", "empty value");
            Expect.Contains(Bad("sip:a@example.com;p=<x>"), "parameter", "bad param char");
            Expect.Contains(Bad("sip:a@example.com?x"), "name=value", "header without =");
            Expect.Contains(Bad("sip:a%4@example.com"), "user", "short escape");
            Expect.Contains(Bad("sip:a%zz@example.com"), "user", "bad escape");
            Expect.Contains(Bad("sip:a@b.example>"), "host", "junk");
        }
    }
}
