#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip.Auth;

namespace PhoneAgent.Core.Tests.Sip.Auth
{
    /// <summary>What the phone makes of a 401/407's challenges: Digest parameters (RFC 7616 §3.3,
    /// RFC 8760), MS-SIPAE NTLM, the schemes it recognises and refuses, the choice among several
    /// challenges, stale, and the administrator's explanation.</summary>
    [TestClass]
    public class ChallengeSetTests
    {
        private static ChallengeSet Www(params string[] values) { return ChallengeSet.Parse(values, null); }

        [TestMethod]
        public void Rfc7616Section391ChoosesSha256OverMd5()
        {
            // RFC 7616 §3.9.1: two challenges, SHA-256 first, each with qop="auth, auth-int".
            ChallengeSet s = Www(
                "Digest\r\n    realm=\"http-auth@example.org\",\r\n    qop=\"auth, auth-int\",\r\n    algorithm=SHA-256,\r\n    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
                "Digest\r\n    realm=\"http-auth@example.org\",\r\n    qop=\"auth, auth-int\",\r\n    algorithm=MD5,\r\n    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
            Assert.AreEqual(2, s.Count);
            Assert.AreEqual(0, s.Problems.Length);
            AuthChallenge c = s.BestDigest(null);
            Assert.AreEqual(DigestAlgorithm.Sha256, c.Algorithm);
            Assert.IsTrue(c.QopAuth);
            Assert.IsTrue(c.QopAuthInt);
            Assert.AreEqual("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", c.Opaque);
            Assert.IsFalse(s.AnyStale);
            Assert.AreEqual("", s.Explain());
        }

        [TestMethod]
        public void StrongestAlgorithmOfTheRealmWins()
        {
            ChallengeSet s = Www(
                "Digest realm=\"r\", nonce=\"1\", algorithm=MD5, qop=\"auth\"",
                "Digest realm=\"other\", nonce=\"2\", algorithm=SHA-512-256, qop=\"auth\"",
                "Digest realm=\"r\", nonce=\"3\", algorithm=SHA-256-sess, qop=\"auth\"",
                "Digest realm=\"r\", nonce=\"4\", algorithm=SHA-256, qop=\"auth\"",
                "Digest realm=\"r\", nonce=\"5\", algorithm=SHA3-256, qop=\"auth\"");
            Assert.AreEqual("3", s.BestDigest("r").Nonce, "SHA-256-sess is the strongest in realm r");
            Assert.AreEqual("3", s.BestDigest(null).Nonce, "null realm: the first usable challenge's realm");
            Assert.AreEqual("2", s.BestDigest("other").Nonce);
            Assert.IsNull(s.BestDigest("nowhere"));
            AuthChallenge[] per = s.BestDigestPerRealm();
            Assert.AreEqual(2, per.Length);
            Assert.AreEqual("3", per[0].Nonce);
            Assert.AreEqual("2", per[1].Nonce);
            Assert.IsFalse(s[4].Supported);
            Support.Expect.Contains(s[4].Reason, "\"SHA3-256\" is not supported", "unknown algorithm");
        }

        [TestMethod]
        public void TopmostWinsATieAndProxyChallengesStayApart()
        {
            ChallengeSet s = ChallengeSet.Parse(
                new string[] { "Digest realm=\"reg\", nonce=\"a\", algorithm=SHA-256", "Digest realm=\"reg\", nonce=\"b\", algorithm=sha-256" },
                new string[] { "Digest realm=\"proxy\", nonce=\"p\"" });
            Assert.AreEqual("a", s.BestDigest("reg").Nonce);
            AuthChallenge[] per = s.BestDigestPerRealm();
            Assert.AreEqual(2, per.Length);
            Assert.IsFalse(per[0].IsProxy);
            Assert.IsTrue(per[1].IsProxy);
            Assert.AreEqual(DigestAlgorithm.Md5, per[1].Algorithm, "no algorithm parameter means MD5");
            Assert.IsNull(per[1].AlgorithmToken);
        }

        [TestMethod]
        public void StaleIsExposed()
        {
            ChallengeSet s = Www("Digest realm=\"r\", nonce=\"new\", stale=TRUE, qop=\"auth\"");
            Assert.IsTrue(s.AnyStale);
            Assert.IsTrue(s[0].Stale);
            Assert.IsFalse(Www("Digest realm=\"r\", nonce=\"new\", stale=false").AnyStale);
            Assert.IsFalse(Www("Digest realm=\"r\", stale=true").AnyStale, "a challenge without nonce is unusable, stale or not");
        }

        [TestMethod]
        public void DigestParametersRfc7616()
        {
            AuthChallenge c = Www("Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256, nonce=\"n\", opaque=\"o\", charset=UTF-8, userhash=true, domain=\"sip:a.example sip:b.example\"")[0];
            Assert.IsTrue(c.Supported, c.Reason);
            Assert.AreEqual(DigestAlgorithm.Sha512_256, c.Algorithm);
            Assert.IsTrue(c.Userhash);
            Assert.IsTrue(c.CharsetUtf8);
            Assert.AreEqual("sip:a.example sip:b.example", c.Domain);
            Assert.IsTrue(c.QopAuth);
            Assert.IsFalse(c.QopAuthInt);

            c = Www("Digest realm=\"r\", nonce=\"n\"")[0];
            Assert.IsTrue(c.Supported, "RFC 2069 form without qop");
            Assert.IsFalse(c.QopOffered);

            Support.Expect.Contains(Www("Digest nonce=\"n\"")[0].Reason, "no realm", "realm missing");
            Support.Expect.Contains(Www("Digest realm=\"r\"")[0].Reason, "no nonce", "nonce missing");
            Support.Expect.Contains(Www("Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\"")[0].Reason, "neither auth nor auth-int", "qop");
            Support.Expect.Contains(Www("Digest realm=\"r\", nonce=\"n\", charset=ISO-8859-1")[0].Reason, "charset", "charset");
            string[] algs = new string[] { "MD5", "md5-SESS", "SHA-256", "sha-256-sess", "SHA-512-256", "SHA-512-256-sess" };
            for (int i = 0; i < algs.Length; i++)
            {
                AuthChallenge a = Www("Digest realm=\"r\", nonce=\"n\", algorithm=" + algs[i])[0];
                Assert.IsTrue(a.Supported, algs[i]);
                Assert.AreEqual(i + 1, a.Algorithm, algs[i]);
            }
        }

        [TestMethod]
        public void MsSipaeChallengesNtlmKerberosTlsDsk()
        {
            // MS-SIPAE §4.1 step 2: NTLM beside Kerberos, in two header fields.
            ChallengeSet s = Www("NTLM realm=\"SIP Communications Service\", targetname=\"server.contoso.com\", version=3",
                "Kerberos realm=\"SIP Communications Service\", targetname=\"sip/server.contoso.com\", version=3",
                "TLS-DSK realm=\"SIP Communications Service\", targetname=\"server.contoso.com\", version=4, sts-uri=\"https://server.contoso.com:443/CertProv/CertProvisioningService.svc\"");
            AuthChallenge n = s.Ntlm();
            Assert.IsNotNull(n);
            Assert.AreEqual("server.contoso.com", n.TargetName);
            Assert.AreEqual(3, n.Version);
            Assert.IsFalse(n.HasGssapiData);
            Assert.IsNull(s.BestDigest(null));
            Assert.AreEqual(AuthChallenge.SchemeKerberos, s[1].Scheme);
            Assert.IsFalse(s[1].Supported);
            Support.Expect.Contains(s[1].Reason, "Kerberos", "kerberos reason");
            Assert.AreEqual(AuthChallenge.SchemeTlsDsk, s[2].Scheme);
            Support.Expect.Contains(s[2].Reason, "client certificate", "TLS-DSK reason");
            Assert.AreEqual("", s.Explain());

            // Step 4's challenge: the CHALLENGE_MESSAGE in gssapi-data, with opaque.
            AuthChallenge g = Www("NTLM opaque=\"2BDBAC9D\", gssapi-data=\"TlRMTVNTUAACAAAA\", targetname=\"t\", realm=\"r\"")[0];
            Assert.IsTrue(g.Supported, g.Reason);
            Assert.IsTrue(g.HasGssapiData);
            Assert.AreEqual(12, g.GssapiData.Length);
            Assert.AreEqual("2BDBAC9D", g.Opaque);
            Support.Expect.Contains(g.ToString(), "gssapi-data=(12 bytes)", "ToString");
            Support.Expect.NotContains(g.ToString(), "TlRM", "ToString leaves the token out");

            Support.Expect.Contains(Www("NTLM realm=\"r\", targetname=\"t\", gssapi-data=\"***\"")[0].Reason, "not valid base64", "bad base64");
            Support.Expect.Contains(Www("NTLM realm=\"r\"")[0].Reason, "no targetname", "targetname missing");
            Support.Expect.Contains(Www("NTLM targetname=\"t\"")[0].Reason, "no realm", "realm missing");
            Support.Expect.Contains(Www("NTLM realm=\"r\", targetname=\"t\", version=x")[0].Reason, "not a number", "version");
        }

        [TestMethod]
        public void NothingUsableIsExplained()
        {
            ChallengeSet s = Www("Kerberos realm=\"SIP Communications Service\", targetname=\"sip/fe.contoso.com\", version=4",
                "Basic realm=\"x\"", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1", "Digest realm=\"unterminated");
            string e = s.Explain();
            Support.Expect.Contains(e, "no challenge this phone can answer", "headline");
            Support.Expect.Contains(e, "Kerberos (MS-SIPAE", "kerberos");
            Support.Expect.Contains(e, "Basic authentication is deprecated", "basic");
            Support.Expect.Contains(e, "\"SHA-1\" is not supported", "sha-1");
            Support.Expect.Contains(e, "WWW-Authenticate #4: the quoted-string is not closed", "parse error with its header");
            Assert.AreEqual(1, s.Problems.Length);
            Support.Expect.Contains(ChallengeSet.Parse(null, null).Explain(), "no authentication challenge", "none at all");
        }

        [TestMethod]
        public void AtMostSixteenHeaders()
        {
            string[] many = new string[20];
            for (int i = 0; i < many.Length; i++) many[i] = "Digest realm=\"r\", nonce=\"" + i.ToString() + "\"";
            ChallengeSet s = Www(many);
            Assert.AreEqual(ChallengeSet.MaxHeaders, s.Count);
            Support.Expect.Contains(s.Problems[0], "more than 16", "cap reported");
        }
    }
}
