#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Sip.Auth;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Crypto
{
    /// <summary>The hashes checked through protocols that use them, with the independent values
    /// of ../shared/vectors/known-answers.md: HTTP/SIP digest responses (RFC 2617 §3.5, RFC 7616
    /// §3.9.1 and the corrected §3.9.2 SHA-512/256 values) and NTLMv2's NTOWFv2 (MS-NLMP §4.2.4,
    /// MD4 and HMAC-MD5). The digest composition here is the RFC's formula, written out in the
    /// test; Sip/Auth/DigestCredentialsTests checks the SIP implementation against the same
    /// values. The NTLMv2 rows below run the core's NtlmV2/Rc4 on MS-NLMP §4.2.4's inputs
    /// (§4.2.4.1.3 NTOWFv2, §4.2.4.2 results, §4.2.4.4 GSS_WrapEx).</summary>
    [TestClass]
    public class DigestAndNtlmKnownAnswerTests
    {
        private static string H(string algorithm, string text)
        {
            return Hex.Bytes(HashAlgorithm.Create(algorithm).Compute(Ascii.GetBytes(text)));
        }

        private static string Response(string alg, string user, string realm, string password, string method, string uri,
            string nonce, string nc, string cnonce, string qop)
        {
            string ha1 = H(alg, user + ":" + realm + ":" + password);
            string ha2 = H(alg, method + ":" + uri);
            return H(alg, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
        }

        [TestMethod]
        public void Rfc2617Md5()
        {
            Assert.AreEqual("6629fae49393a05397450978507c4ef1", Response("MD5", "Mufasa", "testrealm@host.com", "Circle Of Life",
                "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth"));
        }

        [TestMethod]
        public void Rfc7616Md5AndSha256()
        {
            const string nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
            const string cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
            Assert.AreEqual("8ca523f5e9506fed4657c9700eebdbec", Response("MD5", "Mufasa", "http-auth@example.org", "Circle of Life",
                "GET", "/dir/index.html", nonce, "00000001", cnonce, "auth"));
            Assert.AreEqual("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", Response("SHA-256", "Mufasa", "http-auth@example.org",
                "Circle of Life", "GET", "/dir/index.html", nonce, "00000001", cnonce, "auth"));
        }

        [TestMethod]
        public void Rfc7616Sha512_256WithItsOwnInitialValues()
        {
            // userhash = H(username ":" realm); the username is UTF-8 "Jäsøn Doe".
            string user = "J\u00e4s\u00f8n Doe";
            Assert.AreEqual("793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b", H("SHA-512/256", user + ":api@example.org"));
            Assert.AreEqual("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5", Response("SHA-512/256", user, "api@example.org",
                "Secret, or not?", "GET", "/doe.json", "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", "00000001",
                "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", "auth"));
        }

        [TestMethod]
        public void NtlmV2ResponseKeyMsNlmp424()
        {
            // NTOWFv2 = HMAC-MD5(MD4(UTF-16LE(password)), UTF-16LE(UPPER(user) + domain)).
            byte[] ntHash = new Md4().Compute(Utf16Le("Password"));
            Assert.AreEqual("a4f49c406510bdcab6824ee7c30fd852", Hex.Bytes(ntHash)); // MS-NLMP §4.2.2.1.2 NTOWFv1
            byte[] key = new Hmac(new Md5(), ntHash).Compute(Utf16Le("USER" + "Domain"));
            Assert.AreEqual("0c868a403bfd7a93a3001ef22ef02e3f", Hex.Bytes(key));
        }

        // MS-NLMP §4.2.4 inputs.
        private static readonly byte[] ServerChallenge = Hex.TryParse("0123456789abcdef");
        private static readonly byte[] ClientChallenge = Hex.TryParse("aaaaaaaaaaaaaaaa");
        private static readonly byte[] RandomSessionKey = Hex.TryParse("55555555555555555555555555555555");
        // AV pairs: MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", MsvAvEOL.
        private const string TargetInfoHex = "02000c0044006f006d00610069006e00" + "01000c00530065007200760065007200" + "00000000";

        private static NtlmV2.Responses Section424Responses()
        {
            byte[] key = NtlmV2.NtOwfV2("Password", "User", "Domain");
            return NtlmV2.ComputeResponse(key, ServerChallenge, ClientChallenge, new byte[8], Hex.TryParse(TargetInfoHex));
        }

        [TestMethod]
        public void NtlmV2ResultsMsNlmp4242()
        {
            Assert.AreEqual("0c868a403bfd7a93a3001ef22ef02e3f", Hex.Bytes(NtlmV2.NtOwfV2("Password", "User", "Domain")));
            NtlmV2.Responses r = Section424Responses();
            Assert.AreEqual("68cd0ab851e51c96aabc927bebef6a1c", Hex.Bytes(r.NtProofStr), "NTProofStr");
            Assert.AreEqual("8de40ccadbc14a82f15cb0ad0de95ca3", Hex.Bytes(r.SessionBaseKey), "SessionBaseKey");
            Assert.AreEqual("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa", Hex.Bytes(r.LmChallengeResponse), "LMv2 response");
            // NtChallengeResponse = NTProofStr + temp; temp = 01 01 Z(6) Time ClientChallenge Z(4) TargetInfo Z(4) (§3.3.2).
            Assert.AreEqual("68cd0ab851e51c96aabc927bebef6a1c" + "0101000000000000" + "0000000000000000" + "aaaaaaaaaaaaaaaa" + "00000000"
                + TargetInfoHex + "00000000", Hex.Bytes(r.NtChallengeResponse), "NtChallengeResponse");
            // KXKEY is the SessionBaseKey for NTLMv2; EncryptedRandomSessionKey = RC4K(KeyExchangeKey, RandomSessionKey).
            Assert.AreEqual("c5dad2544fc9799094ce1ce90bc9d03e", Hex.Bytes(Rc4.Apply(r.SessionBaseKey, RandomSessionKey)), "EncryptedRandomSessionKey");
        }

        [TestMethod]
        public void NtlmV2GssWrapExMsNlmp4244()
        {
            uint flags = 0xe28a8233; // §4.2.4 challenge flags: KEY_EXCH, 56, 128, VERSION, TARGET_INFO, ESS, ... (33 82 8a e2)
            byte[] sealKey = NtlmV2.SealKey(flags, RandomSessionKey, true);
            byte[] signKey = NtlmV2.SignKey(RandomSessionKey, true);
            Assert.AreEqual("59f600973cc4960a25480a7c196e4c58", Hex.Bytes(sealKey), "client SEALKEY");
            Assert.AreEqual("4788dc861b4782f35d43fd98fe1a2d39", Hex.Bytes(signKey), "client SIGNKEY");
            byte[] plaintext = Utf16Le("Plaintext");
            // SEAL (§3.4.3): RC4 the message, then MAC with the same (connection-oriented) handle.
            Rc4 handle = new Rc4(sealKey);
            Assert.AreEqual("54e50165bf1936dc996020c1811b0f06fb5f", Hex.Bytes(handle.Process(plaintext)), "sealed data");
            Assert.AreEqual("70352851f2564309", Hex.Bytes(NtlmV2.Mac(null, signKey, 0, plaintext), 4, 8, ""), "HMAC_MD5 checksum before RC4");
            Assert.AreEqual("010000007fb38ec5c55d497600000000", Hex.Bytes(NtlmV2.Mac(handle, signKey, 0, plaintext)), "signature");
        }

        private static byte[] Utf16Le(string s)
        {
            byte[] b = new byte[s.Length * 2];
            for (int i = 0; i < s.Length; i++)
            {
                b[2 * i] = (byte)s[i];
                b[2 * i + 1] = (byte)(s[i] >> 8);
            }
            return b;
        }
    }
}
