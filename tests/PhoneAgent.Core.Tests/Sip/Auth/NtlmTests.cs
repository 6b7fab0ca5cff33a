#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Sip.Auth;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Sip.Auth
{
    /// <summary>The NTLM messages (MS-NLMP §2.2.1.2, §2.2.1.3, §2.2.2.1) and the connectionless
    /// NTLMv2 client: MS-NLMP §4.2.4.3's example messages, a real Office Communicator 2007 R2
    /// AUTHENTICATE_MESSAGE reproduced byte for byte, one row per malformed CHALLENGE_MESSAGE
    /// and the refusal of NTLMv1-only servers.</summary>
    [TestClass]
    public class NtlmTests
    {
        // MS-NLMP §4.2.4.3 CHALLENGE_MESSAGE and AUTHENTICATE_MESSAGE (as reproduced in pidgin-sipe's
        // tests; every §4.2.4 value of ../shared/vectors/known-answers.md is inside them).
        private const string Nlmp4243Challenge = "4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef00000000000000002400240044000000060070170000000f53006500720076006500720002000c0044006f006d00610069006e0001000c0053006500720076006500720000000000";
        private const string Nlmp4243Authenticate = "4e544c4d5353500003000000180018006c00000054005400840000000c000c00480000000800080054000000100010005c00000010001000d8000000358288e20501280a0000000f44006f006d00610069006e00550073006500720043004f004d005000550054004500520086c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa68cd0ab851e51c96aabc927bebef6a1c01010000000000000000000000000000aaaaaaaaaaaaaaaa0000000002000c0044006f006d00610069006e0001000c005300650072007600650072000000000000000000c5dad2544fc9799094ce1ce90bc9d03e";

        private static NtlmChallengeMessage Decode(string hex)
        {
            string error;
            NtlmChallengeMessage m = NtlmChallengeMessage.TryDecode(Hex.TryParse(hex), out error);
            Assert.IsNotNull(m, error);
            return m;
        }

        private static string Reject(byte[] message)
        {
            string error;
            Assert.IsNull(NtlmChallengeMessage.TryDecode(message, out error));
            Assert.IsNotNull(error);
            return error;
        }

        [TestMethod]
        public void ChallengeMessageMsNlmp4243()
        {
            NtlmChallengeMessage m = Decode(Nlmp4243Challenge);
            Assert.AreEqual(0xe28a8233u, m.Flags);
            Assert.AreEqual("0123456789abcdef", Hex.Bytes(m.ServerChallenge));
            Assert.AreEqual("Server", m.TargetName);
            Assert.AreEqual("Domain", m.NbDomainName);
            Assert.AreEqual("Server", m.NbComputerName);
            Assert.AreEqual(3, m.AvPairCount);
            Assert.AreEqual(-1L, m.Timestamp);
            Assert.AreEqual("060070170000000f", Hex.Bytes(m.Version), "6.0.6000, NTLMSSP_REVISION_W2K3");
            Assert.AreEqual("02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000", Hex.Bytes(m.TargetInfo));
            // No Datagram flag: MS-SIPAE's connectionless client declines it, with the reason.
            Support.Expect.Contains(NtlmClient.Refusal(m.Flags, m.TargetInfo.Length), "not connectionless", "refusal");
        }

        [TestMethod]
        public void AuthenticateMessageMsNlmp4243()
        {
            NtlmChallengeMessage c = Decode(Nlmp4243Challenge);
            NtlmV2.Responses r = NtlmV2.ComputeResponse(NtlmV2.NtOwfV2("Password", "User", "Domain"), c.ServerChallenge,
                Hex.TryParse("aaaaaaaaaaaaaaaa"), new byte[8], c.TargetInfo);
            byte[] key = Rc4.Apply(r.SessionBaseKey, Hex.TryParse("55555555555555555555555555555555"));
            byte[] m = NtlmAuthenticateMessage.Encode(0xe2888235, r.LmChallengeResponse, r.NtChallengeResponse, "Domain", "User", "COMPUTER", key,
                Hex.TryParse("0501280a0000000f"));
            Assert.AreEqual(Nlmp4243Authenticate, Hex.Bytes(m));
        }

        [TestMethod]
        public void OfficeCommunicatorAuthenticateMessageByteForByte()
        {
            NtlmChallengeMessage c = Decode(OcsTraceVectors.ChallengeHex);
            Assert.AreEqual(0xe29882f3u, c.Flags);
            Assert.AreEqual("", c.TargetName);
            Assert.AreEqual("COSMO", c.NbDomainName);
            Assert.AreEqual("COSMO-OCS-R2", c.NbComputerName);
            Assert.AreEqual("cosmo.local", c.DnsDomainName);
            Assert.AreEqual("cosmo-ocs-r2.cosmo.local", c.DnsComputerName);
            Assert.AreEqual("cosmo.local", c.DnsTreeName);
            Assert.AreEqual(OcsTraceVectors.ChallengeHex, Hex.Bytes(Base64.TryDecode(OcsTraceVectors.ChallengeBase64, 4096)), "base64 of the capture");
            Assert.AreEqual(OcsTraceVectors.AuthenticateHex, Hex.Bytes(Base64.TryDecode(OcsTraceVectors.AuthenticateBase64, 4096)), "base64 of the capture");

            NtlmClient client = new NtlmClient(OcsTraceVectors.User, OcsTraceVectors.Domain, OcsTraceVectors.Password, OcsTraceVectors.Workstation);
            client.Version = Hex.TryParse(OcsTraceVectors.Version);
            string error;
            byte[] m = client.Authenticate(Hex.TryParse(OcsTraceVectors.ChallengeHex), OcsTraceVectors.Time, Hex.TryParse(OcsTraceVectors.ClientChallenge),
                RandomSessionKeyOfTheTrace(), out error);
            Assert.IsNotNull(m, error);
            Assert.AreEqual(0x62988255u, client.NegotiatedFlags, "the flags Communicator chose from the same offer");
            Assert.AreEqual(OcsTraceVectors.AuthenticateHex, Hex.Bytes(m));
            Assert.IsTrue(client.Established);
            Support.Expect.NotContains(client.ToString(), OcsTraceVectors.Password, "ToString");
        }

        /// <summary>The trace's random session key, recovered from its EncryptedRandomSessionKey
        /// with the KeyExchangeKey (= SessionBaseKey for NTLMv2, MS-NLMP §3.4.5.1).</summary>
        internal static byte[] RandomSessionKeyOfTheTrace()
        {
            NtlmChallengeMessage c = Decode(OcsTraceVectors.ChallengeHex);
            NtlmV2.Responses r = NtlmV2.ComputeResponse(NtlmV2.NtOwfV2(OcsTraceVectors.Password, OcsTraceVectors.User, OcsTraceVectors.Domain),
                c.ServerChallenge, Hex.TryParse(OcsTraceVectors.ClientChallenge), Hex.TryParse("59519a1727b9ca01"), c.TargetInfo);
            return Rc4.Apply(r.SessionBaseKey, Hex.TryParse(OcsTraceVectors.EncryptedRandomSessionKey));
        }

        [TestMethod]
        public void TimestampFromTheServerAndZeroLmResponse()
        {
            // MS-NLMP §3.1.5.2.1 / §3.1.5.1.2: with MsvAvTimestamp the blob carries the server's time and LM is Z(24).
            byte[] challenge = BuildChallenge(NtlmFlags.Default | NtlmFlags.Seal, "07000800" + "0102030405060708" + "00000000");
            NtlmClient client = new NtlmClient("u", "d", "p", "w");
            string error;
            byte[] m = client.Authenticate(challenge, 0x7777777777777777, new byte[8], new byte[16], out error);
            Assert.IsNotNull(m, error);
            Assert.AreEqual(0x0807060504030201L, client.Challenge.Timestamp);
            string hex = Hex.Bytes(m);
            int ntOffset = (int)(m[24] | (m[25] << 8));
            Assert.AreEqual("0101000000000000" + "0102030405060708", Hex.Bytes(m, ntOffset + 16, 16, ""), "blob time is the server's");
            int lmOffset = (int)(m[16] | (m[17] << 8));
            Assert.AreEqual(24, (int)m[12]);
            Assert.AreEqual(new string('0', 48), Hex.Bytes(m, lmOffset, 24, ""));
            Assert.IsTrue(hex.Length > 0);
            Assert.AreEqual(NtlmFlags.Default, client.NegotiatedFlags, "Seal offered but not asked for");
        }

        [TestMethod]
        public void NtlmV1OnlyServersAreRefused()
        {
            string error;
            NtlmClient client = new NtlmClient("u", "d", "p", "w");
            byte[] noEss = BuildChallenge(NtlmFlags.Default & ~NtlmFlags.ExtendedSessionSecurity, "010002004100" + "00000000");
            Assert.IsNull(client.Authenticate(noEss, 1, new byte[8], new byte[16], out error));
            Support.Expect.Contains(error, "the registrar demands NTLMv1/LM", "no ESS");
            Support.Expect.Contains(error, "which this phone refuses", "no ESS");
            Support.Expect.Contains(error, "extended session security", "names what is missing");

            byte[] noInfo = BuildChallenge(NtlmFlags.Default & ~NtlmFlags.TargetInfo, null);
            Assert.IsNull(client.Authenticate(noInfo, 1, new byte[8], new byte[16], out error));
            Support.Expect.Contains(error, "the registrar demands NTLMv1/LM (its NTLM challenge lacks target information", "no target info");

            Assert.IsNull(client.Authenticate(BuildChallenge(NtlmFlags.Default & ~NtlmFlags.Negotiate128, "00000000"), 1, new byte[8], new byte[16], out error));
            Support.Expect.Contains(error, "128-bit", "weak keys");
            Assert.IsNull(client.Authenticate(BuildChallenge(NtlmFlags.Default & ~NtlmFlags.Sign, "00000000"), 1, new byte[8], new byte[16], out error));
            Support.Expect.Contains(error, "signing", "no signing");
            Assert.IsNull(client.Authenticate(BuildChallenge(NtlmFlags.Default & ~NtlmFlags.Unicode, "00000000"), 1, new byte[8], new byte[16], out error));
            Support.Expect.Contains(error, "Unicode", "OEM only");
            Assert.IsFalse(client.Established);
        }

        [TestMethod]
        public void MalformedChallengeMessages()
        {
            byte[] good = Hex.TryParse(OcsTraceVectors.ChallengeHex);
            Support.Expect.Contains(Reject(null), "no NTLM message", "null");
            Support.Expect.Contains(Reject(new byte[31]), "shorter than a CHALLENGE_MESSAGE", "short");
            Support.Expect.Contains(Reject(new byte[4097]), "longer than 4096", "long");
            byte[] b = (byte[])good.Clone();
            b[0] = (byte)'X';
            Support.Expect.Contains(Reject(b), "no NTLMSSP signature", "signature");
            b = (byte[])good.Clone();
            b[8] = 3;
            Support.Expect.Contains(Reject(b), "got type 3", "type");
            b = (byte[])good.Clone();
            b[40] = 0xFF;                                  // TargetInfo length past the end
            Support.Expect.Contains(Reject(b), "TargetInfo field points outside", "target info length");
            b = (byte[])good.Clone();
            b[47] = 0x80;                                  // TargetInfo offset beyond 2^31
            Support.Expect.Contains(Reject(b), "TargetInfo field points outside", "target info offset");
            b = (byte[])good.Clone();
            b[12] = 4; b[16] = 0xFC; b[17] = 0xFF; b[18] = 0xFF; b[19] = 0xFF;   // TargetName at offset 0xFFFFFFFC
            Support.Expect.Contains(Reject(b), "TargetName field points outside", "target name offset");
            b = (byte[])good.Clone();
            b[b.Length - 2] = 9;                          // MsvAvEOL claims 9 bytes: past the end
            Support.Expect.Contains(Reject(b), "past the end of the TargetInfo", "EOL");
            Support.Expect.Contains(Reject(BuildChallenge(NtlmFlags.Default, "0700040001020304" + "00000000")), "MsvAvTimestamp is 4 bytes", "timestamp size");
            Support.Expect.Contains(Reject(BuildChallenge(NtlmFlags.Default, "0100")), "ends without MsvAvEOL", "truncated pair header");
            Support.Expect.Contains(Reject(BuildChallenge(NtlmFlags.Default, "01000200")), "claims 2 bytes, past the end", "truncated pair value");
            System.Text.StringBuilder many = new System.Text.StringBuilder();
            for (int i = 0; i < 70; i++) many.Append("08000000");
            Support.Expect.Contains(Reject(BuildChallenge(NtlmFlags.Default, many.ToString() + "00000000")), "more than 64 AV pairs", "pair count");
        }

        /// <summary>A CHALLENGE_MESSAGE with the given flags and AV pairs (hex, or null for none).</summary>
        internal static byte[] BuildChallenge(uint flags, string avPairsHex)
        {
            byte[] info = avPairsHex == null ? new byte[0] : Hex.TryParse(avPairsHex);
            byte[] m = new byte[56 + info.Length];
            byte[] head = Hex.TryParse("4e544c4d5353500002000000");
            System.Array.Copy(head, m, head.Length);
            m[16] = 56;                                    // TargetName: empty, offset 56
            m[20] = (byte)flags; m[21] = (byte)(flags >> 8); m[22] = (byte)(flags >> 16); m[23] = (byte)(flags >> 24);
            for (int i = 0; i < 8; i++) m[24 + i] = (byte)(0x11 * (i + 1));
            m[40] = (byte)info.Length; m[41] = (byte)(info.Length >> 8);
            m[42] = (byte)info.Length; m[43] = (byte)(info.Length >> 8);
            m[44] = 56;
            m[55] = 0x0F;
            System.Array.Copy(info, 0, m, 56, info.Length);
            return m;
        }
    }
}
