#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using PhoneAgent.Core.Sip.Auth;

namespace PhoneAgent.Core.Tests.Sip.Auth
{
    /// <summary>The auth header syntax, one row per case: RFC 7235 §2.1/§4.1 lists of challenges,
    /// RFC 3261 §25.1 LWS, folding and quoted-pair, and one row per malformation with its reason.</summary>
    [TestClass]
    public class AuthHeaderParserTests
    {
        private static ArrayList Parse(string value)
        {
            ArrayList list = new ArrayList();
            string error;
            bool ok = AuthHeaderParser.TryParseChallenges(value, list, out error);
            Assert.IsTrue(ok, "should parse: " + value + " -- " + error);
            Assert.IsNull(error);
            return list;
        }

        private static string Reject(string value)
        {
            ArrayList list = new ArrayList();
            string error;
            bool ok = AuthHeaderParser.TryParseChallenges(value, list, out error);
            Assert.IsFalse(ok, "should be rejected: " + value);
            Assert.AreEqual(0, list.Count, "nothing appended on error");
            Assert.IsNotNull(error);
            return error;
        }

        [TestMethod]
        public void Rfc3261DigestChallenge()
        {
            // RFC 3261 §22.4 / §25.1 style, LWS around "=" and ",".
            ArrayList l = Parse("Digest realm = \"atlanta.com\" , domain=\"sip:boxesbybob.com\", qop=\"auth\",\r\n nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5");
            Assert.AreEqual(1, l.Count);
            AuthParams p = (AuthParams)l[0];
            Assert.AreEqual("Digest", p.Scheme);
            Assert.AreEqual(7, p.Count);
            Assert.AreEqual("atlanta.com", p.Get("REALM"));
            Assert.AreEqual("sip:boxesbybob.com", p.Get("domain"));
            Assert.AreEqual("", p.Get("opaque"));
            Assert.AreEqual("FALSE", p.Get("stale"));
            Assert.IsTrue(p.QuotedAt(0));
            Assert.IsFalse(p.QuotedAt(6));
            Assert.IsNull(p.Get("nc"));
        }

        [TestMethod]
        public void SeveralChallengesInOneValue()
        {
            // RFC 7235 §4.1's example: a list of challenges, some with token68 or no parameters.
            ArrayList l = Parse("Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"");
            Assert.AreEqual(2, l.Count);
            AuthParams a = (AuthParams)l[0];
            AuthParams b = (AuthParams)l[1];
            Assert.AreEqual("Newauth", a.Scheme);
            Assert.AreEqual(3, a.Count);
            Assert.AreEqual("Login to \"apps\"", a.Get("title"));
            Assert.AreEqual("Basic", b.Scheme);
            Assert.AreEqual("simple", b.Get("realm"));

            l = Parse("Negotiate YIIBhgYGKwYBBQUCoIIBejCCAXag==, NTLM, Kerberos realm=\"x\"");
            Assert.AreEqual(3, l.Count);
            Assert.AreEqual("YIIBhgYGKwYBBQUCoIIBejCCAXag==", ((AuthParams)l[0]).Token68);
            Assert.AreEqual("NTLM", ((AuthParams)l[1]).Scheme);
            Assert.AreEqual(0, ((AuthParams)l[1]).Count);
            Assert.AreEqual("x", ((AuthParams)l[2]).Get("realm"));
        }

        [TestMethod]
        public void EmptyListElementsAndFoldedLinesAreSkipped()
        {
            ArrayList l = Parse(" , Digest realm=\"r\",, nonce=\"n\" ,\r\n\t,Basic realm=\"b\" ,");
            Assert.AreEqual(2, l.Count);
            Assert.AreEqual("n", ((AuthParams)l[0]).Get("nonce"));
        }

        [TestMethod]
        public void QuotedPairsAndUtf8()
        {
            AuthParams p = (AuthParams)Parse("Digest realm=\"a\\\\b\\\"c\\d\", nonce=\"J\u00e4s\u00f8n, \\\"x\\\"\"")[0];
            Assert.AreEqual("a\\b\"cd", p.Get("realm"));
            Assert.AreEqual("J\u00e4s\u00f8n, \"x\"", p.Get("nonce"));
            // A folded line inside a quoted-string is one space (RFC 3261 §25.1 LWS in qdtext).
            p = (AuthParams)Parse("Digest realm=\"one\r\n two\"")[0];
            Assert.AreEqual("one  two", p.Get("realm"));
        }

        [TestMethod]
        public void MalformedValuesAreRejectedWithTheirReason()
        {
            Support.Expect.Contains(Reject(""), "no challenge", "empty");
            Support.Expect.Contains(Reject(" , ,"), "no challenge", "only commas");
            Support.Expect.Contains(Reject("Digest realm=\"unterminated"), "not closed", "open quote");
            Support.Expect.Contains(Reject("Digest realm \"x\""), "has no \"=\"", "no =");
            Assert.AreEqual("realm", ((AuthParams)Parse("Digest realm")[0]).Token68, "a lone word is a token68 (RFC 7235 §2.1)");
            Support.Expect.Contains(Reject("Digest nonce=\"x\", realm="), "neither a token nor a quoted-string", "no value");
            Support.Expect.Contains(Reject("Digest realm=a b"), "expected \",\"", "two tokens");
            Support.Expect.Contains(Reject("Digest realm=\"a\", realm=\"b\""), "appears twice", "duplicate (RFC 7235 §2.1)");
            Support.Expect.Contains(Reject("Digest REALM=\"a\", realm=\"b\""), "appears twice", "duplicate in other case");
            Support.Expect.Contains(Reject("Digest realm=\"a\rb\""), "line break inside a quoted-string", "bare CR");
            Support.Expect.Contains(Reject("Digest realm=\"a\u0001b\""), "control character", "control char");
            Support.Expect.Contains(Reject("Digest realm=\"a\\"), "not closed", "escape at the end");
            Support.Expect.Contains(Reject("Digest\r\nrealm=\"a\""), "followed by a space", "line break not folded");
            Support.Expect.Contains(Reject("\"Digest\" realm=x"), "expected an auth-scheme", "quoted scheme");
            Support.Expect.Contains(Reject("Digest realm=x;nonce=y"), "expected \",\"", "semicolon separator");
            Support.Expect.Contains(Reject("Digest realm=<x>"), "neither a token nor a quoted-string", "angle brackets");
            Support.Expect.Contains(Reject("Digest, realm=x"), "followed by a space", "parameters after a bare scheme and comma");
            string error;
            ArrayList list = new ArrayList();
            Assert.IsFalse(AuthHeaderParser.TryParseChallenges(null, list, out error));
            Support.Expect.Contains(error, "no header value", "null");
        }

        [TestMethod]
        public void LimitsAreEnforced()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder("Digest ");
            for (int i = 0; i < AuthHeaderParser.MaxParams + 1; i++) sb.Append(i == 0 ? "" : ", ").Append("p").Append(i).Append("=1");
            Support.Expect.Contains(Reject(sb.ToString()), "more than 32 parameters", "too many parameters");

            sb = new System.Text.StringBuilder();
            for (int i = 0; i < AuthHeaderParser.MaxElements + 1; i++) sb.Append(i == 0 ? "" : ", ").Append("S").Append(i).Append(" a=b");
            Support.Expect.Contains(Reject(sb.ToString()), "more than 16 challenges", "too many challenges");
            sb.Length = 0;
            for (int i = 0; i < AuthHeaderParser.MaxElements; i++) sb.Append(i == 0 ? "" : ", ").Append("S").Append(i).Append(" a=b");
            Assert.AreEqual(16, Parse(sb.ToString()).Count);

            Support.Expect.Contains(Reject("Digest realm=\"" + new string('x', AuthHeaderParser.MaxValueChars) + "\""), "longer than 8192", "too long");
        }

        [TestMethod]
        public void CredentialsAndAuthenticationInfo()
        {
            string error;
            // RFC 7615 Authentication-Info has no scheme.
            AuthParams p = AuthHeaderParser.TryParseCredentials("nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, rspauth=\"ab\"", out error);
            Assert.IsNotNull(p, error);
            Assert.IsNull(p.Scheme);
            Assert.AreEqual("47364c23432d2e131a5fb210812c", p.Get("nextnonce"));
            // MS-SIPAE puts the scheme first.
            p = AuthHeaderParser.TryParseCredentials("NTLM rspauth=\"0100\", srand=\"9616454F\", snum=\"1\", realm=\"SIP Communications Service\"", out error);
            Assert.IsNotNull(p, error);
            Assert.IsTrue(p.IsScheme("ntlm"));
            Assert.AreEqual("9616454F", p.Get("srand"));
            Assert.IsNull(AuthHeaderParser.TryParseCredentials("NTLM a=1, Digest b=2", out error), "two elements");
            Assert.IsNotNull(error);
            Assert.IsNull(AuthHeaderParser.TryParseCredentials("=x", out error));
        }

        [TestMethod]
        public void ToStringShowsNamesNotValues()
        {
            AuthParams p = (AuthParams)Parse("Digest realm=\"r\", nonce=\"secret-nonce\"")[0];
            Assert.AreEqual("Digest realm, nonce", p.ToString());
        }
    }
}
