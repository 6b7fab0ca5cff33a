#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip.Auth;

namespace PhoneAgent.Core.Tests.Sip.Auth
{
    /// <summary>DigestCredentials against the published examples (RFC 2617 §3.5, RFC 7616 §3.9.1,
    /// §3.9.2 with the corrected SHA-512/256 values of ../shared/vectors/known-answers.md) and
    /// the header rules of RFC 7616 §3.4 / RFC 3261 §25.1.</summary>
    [TestClass]
    public class DigestCredentialsTests
    {
        private static AuthChallenge One(string value)
        {
            ChallengeSet s = ChallengeSet.Parse(new string[] { value }, null);
            Assert.AreEqual(1, s.Count, value);
            Assert.IsTrue(s[0].Supported, s[0].Reason);
            return s[0];
        }

        private static AuthParams Reparse(string header)
        {
            string error;
            AuthParams p = AuthHeaderParser.TryParseCredentials(header, out error);
            Assert.IsNotNull(p, "our own header must parse: " + error);
            return p;
        }

        [TestMethod]
        public void Rfc2617Section35()
        {
            AuthChallenge c = One("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
            string h = DigestCredentials.Build(c, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "0a4f113b", 1, null);
            Assert.AreEqual("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
                + "response=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", qop=auth, nc=00000001, opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", h);
            AuthParams p = Reparse(h);
            Assert.IsFalse(p.QuotedAt(6), "qop is a token (RFC 7616 §3.4)");
            Assert.IsFalse(p.QuotedAt(7), "nc is a token");
        }

        [TestMethod]
        public void Rfc7616Section391Md5AndSha256()
        {
            const string tail = "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
            ChallengeSet s = ChallengeSet.Parse(new string[]
            {
                "Digest\r\n    realm=\"http-auth@example.org\",\r\n    qop=\"auth, auth-int\",\r\n    algorithm=SHA-256,\r\n" + tail,
                "Digest\r\n    realm=\"http-auth@example.org\",\r\n    qop=\"auth, auth-int\",\r\n    algorithm=MD5,\r\n" + tail,
            }, null);
            const string cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
            string sha = DigestCredentials.Build(s.BestDigest(null), "GET", "/dir/index.html", "Mufasa", "Circle of Life", cnonce, 1, null);
            Assert.AreEqual("Digest username=\"Mufasa\", realm=\"http-auth@example.org\", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", uri=\"/dir/index.html\", "
                + "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", algorithm=SHA-256, cnonce=\"" + cnonce + "\", qop=auth, nc=00000001, "
                + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"", sha);
            string md5 = DigestCredentials.Build(s[1], "GET", "/dir/index.html", "Mufasa", "Circle of Life", cnonce, 1, null);
            Assert.AreEqual("8ca523f5e9506fed4657c9700eebdbec", Reparse(md5).Get("response"));
            Assert.AreEqual("MD5", Reparse(md5).Get("algorithm"));
        }

        [TestMethod]
        public void Rfc7616Section392Sha512_256WithUserhash()
        {
            AuthChallenge c = One("Digest\r\n    realm=\"api@example.org\",\r\n    qop=\"auth\",\r\n    algorithm=SHA-512-256,\r\n"
                + "    nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\",\r\n    opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\",\r\n"
                + "    charset=UTF-8,\r\n    userhash=true");
            string h = DigestCredentials.Build(c, "GET", "/doe.json", "J\u00e4s\u00f8n Doe", "Secret, or not?", "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", 1, null);
            AuthParams p = Reparse(h);
            // The values RFC 7616 prints are for SHA-512 cut to 256 bits; these are SHA-512/256's (known-answers.md).
            Assert.AreEqual("793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b", p.Get("username"));
            Assert.AreEqual("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5", p.Get("response"));
            Assert.AreEqual("true", p.Get("userhash"));
            Assert.AreEqual("SHA-512-256", p.Get("algorithm"));
            Support.Expect.NotContains(h, "J\u00e4s\u00f8n", "userhash hides the name");
        }

        [TestMethod]
        public void SipRegisterSessAndAuthInt()
        {
            AuthChallenge c = One("Digest realm=\"sip.lab.test\", nonce=\"abc\", algorithm=MD5-sess, qop=\"auth-int\"");
            string h = DigestCredentials.Build(c, "REGISTER", "sip:sip.lab.test", "phone1", "pw", "c1", 0x1a, new byte[] { 1, 2, 3 });
            AuthParams p = Reparse(h);
            Assert.AreEqual("auth-int", p.Get("qop"), "only auth-int offered");
            Assert.AreEqual("0000001a", p.Get("nc"), "nc is 8 hex digits");
            Assert.AreEqual("sip:sip.lab.test", p.Get("uri"), "digest-uri is the Request-URI (RFC 3261 §22.4)");
            Assert.AreEqual(DigestCredentials.ComputeResponse(DigestAlgorithm.Md5Sess, "phone1", "sip.lab.test", "pw", "abc", "c1", "0000001a", "auth-int",
                "REGISTER", "sip:sip.lab.test", new byte[] { 1, 2, 3 }), p.Get("response"));
            // The body is part of auth-int's A2: another body, another response.
            string other = DigestCredentials.Build(c, "REGISTER", "sip:sip.lab.test", "phone1", "pw", "c1", 0x1a, new byte[] { 1, 2, 4 });
            Assert.IsFalse(Reparse(other).Get("response") == p.Get("response"));
            // -sess: the cnonce enters A1, so another cnonce changes the response even with the same nc.
            string cn = DigestCredentials.Build(c, "REGISTER", "sip:sip.lab.test", "phone1", "pw", "c2", 0x1a, new byte[] { 1, 2, 3 });
            Assert.IsFalse(Reparse(cn).Get("response") == p.Get("response"));
        }

        [TestMethod]
        public void Rfc2069FormWithoutQop()
        {
            AuthChallenge c = One("Digest realm=\"r\", nonce=\"n\"");
            string h = DigestCredentials.Build(c, "REGISTER", "sip:r", "u", "p", null, 1, null);
            AuthParams p = Reparse(h);
            Assert.IsNull(p.Get("qop"));
            Assert.IsNull(p.Get("nc"));
            Assert.IsNull(p.Get("cnonce"));
            Assert.IsNull(p.Get("algorithm"), "echo no algorithm when the challenge named none");
            Assert.AreEqual(DigestCredentials.ComputeResponse(DigestAlgorithm.Md5, "u", "r", "p", "n", null, null, "", "REGISTER", "sip:r", null), p.Get("response"));
        }

        [TestMethod]
        public void QuotingEscapesAndEchoes()
        {
            AuthChallenge c = One("Digest realm=\"a \\\"b\\\"\", nonce=\"n\\\\1\", opaque=\"\", qop=\"auth,auth-int\"");
            string h = DigestCredentials.Build(c, "REGISTER", "sip:x", "us\"er", "pw", "c", 2, null, DigestCredentials.QopAuthInt);
            AuthParams p = Reparse(h);
            Assert.AreEqual("a \"b\"", p.Get("realm"));
            Assert.AreEqual("n\\1", p.Get("nonce"));
            Assert.AreEqual("us\"er", p.Get("username"));
            Assert.AreEqual("", p.Get("opaque"), "opaque echoed even when empty");
            Assert.AreEqual("auth-int", p.Get("qop"));
        }

        [TestMethod]
        public void CallerMistakesNeverShowThePassword()
        {
            const string secret = "Sup3r-Secret!";
            AuthChallenge unusable = ChallengeSet.Parse(new string[] { "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1" }, null)[0];
            AuthChallenge authOnly = One("Digest realm=\"r\", nonce=\"n\", qop=\"auth\"");
            string[] messages = new string[4];
            messages[0] = Message(delegate { DigestCredentials.Build(unusable, "REGISTER", "sip:r", "u", secret, "c", 1, null); });
            messages[1] = Message(delegate { DigestCredentials.Build(authOnly, "REGISTER", "sip:r", "u", secret, "c", 1, null, "auth-int"); });
            messages[2] = Message(delegate { DigestCredentials.Build(authOnly, "REGISTER", "sip:r", "u", secret, "", 1, null); });
            messages[3] = Message(delegate { DigestCredentials.Build(authOnly, "REGISTER", "sip:r", "u", secret, "c", 0, null); });
            for (int i = 0; i < messages.Length; i++)
            {
                Assert.IsNotNull(messages[i], "case " + i.ToString() + " must throw ArgumentException");
                Support.Expect.NotContains(messages[i], secret, "exception " + i.ToString());
            }
            Support.Expect.NotContains(DigestCredentials.Build(authOnly, "REGISTER", "sip:r", "u", secret, "c", 1, null), secret, "header");
            Support.Expect.NotContains(authOnly.ToString(), "n\"", "ToString leaves the nonce out");
        }

        private static string Message(Support.TestAction a)
        {
            try
            {
                a();
            }
            catch (System.ArgumentException e)
            {
                return e.Message;
            }
            return null;
        }

        [TestMethod]
        public void NonceCounter()
        {
            DigestNonceCounter n = new DigestNonceCounter();
            Assert.AreEqual(1u, n.Next("a"));
            Assert.AreEqual(2u, n.Next("a"));
            Assert.AreEqual(1u, n.Next("b"), "a new nonce starts at 1");
            Assert.AreEqual(2u, n.Next("b"));
            n.Reset();
            Assert.AreEqual(1u, n.Next("b"));
        }
    }
}
