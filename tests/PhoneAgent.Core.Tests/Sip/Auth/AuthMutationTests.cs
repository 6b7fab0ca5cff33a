#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using PhoneAgent.Core.Sip.Auth;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Sip.Auth
{
    /// <summary>Random mutations of real header values and NTLM messages (seeded, repeatable):
    /// the parsers must answer every one with a result or a reason, never an exception, and
    /// whatever they accept must be usable without throwing.</summary>
    [TestClass]
    public class AuthMutationTests
    {
        private const int Rounds = 3000;
        private const string Alphabet = "\"\\,= \t\r\n;:<>/+=aZ09-_.~\u00e4\u0001";

        private static readonly string[] Seeds = new string[]
        {
            "Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5",
            "Digest\r\n    realm=\"api@example.org\",\r\n    qop=\"auth\",\r\n    algorithm=SHA-512-256,\r\n    nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\",\r\n    charset=UTF-8,\r\n    userhash=true",
            "NTLM realm=\"SIP Communications Service\", targetname=\"server.contoso.com\", version=3",
            "NTLM opaque=\"2BDBAC9D\", gssapi-data=\"" + OcsTraceVectors.ChallengeBase64 + "\", targetname=\"cosmo-ocs-r2.cosmo.local\", realm=\"SIP Communications Service\"",
            "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\", Negotiate abc==",
        };

        private static string Mutate(string s, SeededRandom r)
        {
            int edits = 1 + r.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int at = s.Length == 0 ? 0 : r.Next(s.Length);
                string ch = Alphabet[r.Next(Alphabet.Length)].ToString();
                switch (r.Next(4))
                {
                    case 0: s = s.Length == 0 ? ch : s.Substring(0, at) + ch + s.Substring(at + 1); break;   // replace
                    case 1: s = s.Length == 0 ? s : s.Substring(0, at) + s.Substring(at + 1); break;         // delete
                    case 2: s = s.Substring(0, at) + ch + s.Substring(at); break;                             // insert
                    default: s = s.Substring(0, at); break;                                                   // truncate
                }
            }
            return s;
        }

        [TestMethod]
        public void ChallengeHeadersNeverThrow()
        {
            SeededRandom r = new SeededRandom(20260501);
            int accepted = 0, rejected = 0;
            for (int round = 0; round < Rounds; round++)
            {
                string v = Mutate(Seeds[round % Seeds.Length], r);
                ChallengeSet s = ChallengeSet.Parse(new string[] { v }, new string[] { Mutate(Seeds[(round + 1) % Seeds.Length], r) });
                accepted += s.Count;
                rejected += s.Problems.Length;
                Assert.IsNotNull(s.Explain());
                for (int i = 0; i < s.Count; i++)
                {
                    AuthChallenge c = s[i];
                    Assert.IsNotNull(c.ToString());
                    Assert.IsTrue(c.Supported || c.Reason.Length > 0, "an unusable challenge has a reason");
                    if (c.Supported && c.Scheme == AuthChallenge.SchemeDigest)
                    {
                        string h = DigestCredentials.Build(c, "REGISTER", "sip:x", "u", "p", "cn", 1, null);
                        string error;
                        Assert.IsNotNull(AuthHeaderParser.TryParseCredentials(h, out error), "our answer to a mutated challenge parses: " + error);
                    }
                }
                AuthParams p;
                string err;
                p = AuthHeaderParser.TryParseCredentials(v, out err);
                Assert.IsTrue(p != null || err != null);
            }
            Assert.IsTrue(accepted > 0 && rejected > 0, "the mutations reach both outcomes: " + accepted.ToString() + " accepted, " + rejected.ToString() + " rejected");
        }

        [TestMethod]
        public void NtlmChallengeMessagesNeverThrow()
        {
            SeededRandom r = new SeededRandom(77);
            byte[] seed = Hex.TryParse(OcsTraceVectors.ChallengeHex);
            int accepted = 0, rejected = 0;
            for (int round = 0; round < Rounds; round++)
            {
                byte[] m;
                int kind = r.Next(3);
                if (kind == 0)
                {
                    m = (byte[])seed.Clone();
                    int flips = 1 + r.Next(6);
                    for (int i = 0; i < flips; i++) m[r.Next(m.Length)] = (byte)r.Next(256);
                }
                else if (kind == 1)
                {
                    m = new byte[r.Next(seed.Length + 1)];
                    System.Array.Copy(seed, m, m.Length);
                }
                else
                {
                    m = new byte[r.Next(300)];
                    r.NextBytes(m);
                    if (m.Length >= 12) System.Array.Copy(seed, m, 12);
                }
                string error;
                NtlmChallengeMessage c = NtlmChallengeMessage.TryDecode(m, out error);
                if (c == null)
                {
                    Assert.IsNotNull(error);
                    rejected++;
                    continue;
                }
                accepted++;
                Assert.IsNotNull(c.ToString());
                NtlmClient client = new NtlmClient("u", "d", "p", "w");
                byte[] auth = client.Authenticate(m, 1, new byte[8], new byte[16], out error);
                Assert.IsTrue(auth != null || error != null);
                if (auth != null) Assert.IsNotNull(client.Sign(new byte[] { 1 }, 100));
            }
            Assert.IsTrue(accepted > 0 && rejected > 0, accepted.ToString() + " accepted, " + rejected.ToString() + " rejected");
        }

        [TestMethod]
        public void Base64RoundTripsAndRejects()
        {
            SeededRandom r = new SeededRandom(5);
            for (int round = 0; round < 500; round++)
            {
                byte[] data = new byte[r.Next(40)];
                r.NextBytes(data);
                string text = Base64.Encode(data);
                Assert.AreEqual(Hex.Bytes(data), Hex.Bytes(Base64.TryDecode(text, 64)));
                char[] c = text.ToCharArray();
                if (c.Length == 0) continue;
                c[r.Next(c.Length)] = "*= -\rA/"[r.Next(7)];
                string mutated = new string(c);
                byte[] back = Base64.TryDecode(mutated, 64);
                // The decoder is strict: whatever it accepts re-encodes to the very same text.
                if (back != null) Assert.AreEqual(mutated, Base64.Encode(back));
            }
            Assert.AreEqual("TWFu", Base64.Encode(Ascii.GetBytes("Man")));          // RFC 4648 §10 style
            Assert.AreEqual("Zm9vYmFy", Base64.Encode(Ascii.GetBytes("foobar")));   // RFC 4648 §10
            Assert.AreEqual("Zm9vYg==", Base64.Encode(Ascii.GetBytes("foob")));     // RFC 4648 §10
            Assert.IsNull(Base64.TryDecode("Zm9vYh==", 64), "non-zero pad bits");
            Assert.IsNull(Base64.TryDecode("Zm9vY===", 64), "three pad characters");
            Assert.IsNull(Base64.TryDecode("Zm=vYg==", 64), "pad in the middle");
            Assert.IsNull(Base64.TryDecode("Zm9vYmFy", 5), "over the cap");
            Assert.AreEqual(0, Base64.TryDecode("", 0).Length);
        }
    }
}
