#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Eap
{
    /// <summary>MS-CHAP-V2 (RFC 2759) on the known answers of RFC 2759 §9.2 and RFC 3079 §3.5.3
    /// (tests/vectors/mschapv2), and the EAP-MSCHAPv2 method (Type 26) with the server played
    /// by the test: Challenge/Response, Success verified, a wrong S= refused, Failure decoded,
    /// malformed packets ignored.</summary>
    [TestClass]
    public class MsChapV2Tests
    {
        // RFC 2759 §9.2
        private const string User = "User";
        private const string Password = "clientPass";
        private static readonly byte[] AuthChallenge = Hex.TryParse("5b5d7c7d7b3f2f3e3c2c602132262628");
        private static readonly byte[] PeerChallenge = Hex.TryParse("21402324255e262a28295f2b3a337c7e");
        private const string ChallengeHex = "d02e4386bce91226";
        private const string PasswordHashHex = "44ebba8d5312b8d611474411f56989ae";
        private const string NtResponseHex = "82309ecd8d708b5ea08faa3981cd83544233114a3d85d6df";
        private const string PasswordHashHashHex = "41c00c584bd2d91c4017a2a12fa59f3f";
        private const string AuthenticatorResponse = "S=407A5589115FD0D6209F510FE9C04566932CDA56";
        // RFC 3079 §3.5.1 / §3.5.3 (same inputs)
        private const string MasterKeyHex = "fdece3717a8c838cb388e527ae3cdd31";
        private const string SendStartKey128Hex = "8b7cdc149b993a1ba118cb153f56dccb";

        [TestMethod]
        public void NtPasswordHashRfc2759()
        {
            Expect.Bytes(Hex.TryParse("63006c00690065006e0074005000610073007300"), MsChapV2.Unicode(Password), "UTF-16LE password (§9.2)");
            Expect.Bytes(Hex.TryParse(PasswordHashHex), MsChapV2.NtPasswordHash(Password), "PasswordHash");
            Expect.Bytes(Hex.TryParse(PasswordHashHashHex), MsChapV2.HashNtPasswordHash(Hex.TryParse(PasswordHashHex)), "PasswordHashHash");
        }

        [TestMethod]
        public void ChallengeHashAndNtResponseRfc2759()
        {
            Expect.Bytes(Hex.TryParse(ChallengeHex), MsChapV2.ChallengeHash(PeerChallenge, AuthChallenge, User), "Challenge");
            Expect.Bytes(Hex.TryParse(NtResponseHex), MsChapV2.ChallengeResponse(Hex.TryParse(ChallengeHex), Hex.TryParse(PasswordHashHex)), "ChallengeResponse");
            Expect.Bytes(Hex.TryParse(NtResponseHex), MsChapV2.GenerateNtResponse(AuthChallenge, PeerChallenge, User, MsChapV2.NtPasswordHash(Password)), "NT-Response");
            // RFC 2759 §8.2: a domain prefix is not hashed.
            Expect.Bytes(Hex.TryParse(ChallengeHex), MsChapV2.ChallengeHash(PeerChallenge, AuthChallenge, "LAB\\" + User), "Challenge without DOMAIN\\");
        }

        [TestMethod]
        public void AuthenticatorResponseRfc2759()
        {
            byte[] r = MsChapV2.AuthenticatorResponse(Hex.TryParse(PasswordHashHex), Hex.TryParse(NtResponseHex), PeerChallenge, AuthChallenge, User);
            Assert.AreEqual(AuthenticatorResponse, MsChapV2.FormatAuthenticatorResponse(r));
            byte[] upper = Ascii.GetBytes(AuthenticatorResponse);
            byte[] lower = Ascii.GetBytes("S=407a5589115fd0d6209f510fe9c04566932cda56 M=hello");
            Assert.IsTrue(MsChapV2.CheckAuthenticatorResponse(r, upper, 0, upper.Length), "upper case");
            Assert.IsTrue(MsChapV2.CheckAuthenticatorResponse(r, lower, 0, lower.Length), "lower case with a message");
        }

        [TestMethod]
        public void AuthenticatorResponseCheckRefusesEveryAlteration()
        {
            byte[] r = MsChapV2.AuthenticatorResponse(Hex.TryParse(PasswordHashHex), Hex.TryParse(NtResponseHex), PeerChallenge, AuthChallenge, User);
            byte[] good = Ascii.GetBytes(AuthenticatorResponse);
            for (int i = 0; i < good.Length; i++)
            {
                byte[] bad = (byte[])good.Clone();
                bad[i] = (byte)(bad[i] == (byte)'0' ? '1' : '0');
                Assert.IsFalse(MsChapV2.CheckAuthenticatorResponse(r, bad, 0, bad.Length), "altered at " + i.ToString());
            }
            for (int n = 0; n < good.Length; n++)
                Assert.IsFalse(MsChapV2.CheckAuthenticatorResponse(r, good, 0, n), "cut to " + n.ToString());
            byte[] nonHex = Ascii.GetBytes("S=407A5589115FD0D6209F510FE9C04566932CDA5G");
            Assert.IsFalse(MsChapV2.CheckAuthenticatorResponse(r, nonHex, 0, nonHex.Length), "non-hex digit");
            // A different password gives a different authenticator response.
            byte[] other = MsChapV2.AuthenticatorResponse(MsChapV2.NtPasswordHash("clientPasS"), Hex.TryParse(NtResponseHex), PeerChallenge, AuthChallenge, User);
            Assert.IsFalse(MsChapV2.CheckAuthenticatorResponse(other, good, 0, good.Length), "other password");
        }

        [TestMethod]
        public void MppeKeysRfc3079()
        {
            byte[] master = MsChapV2.MasterKey(Hex.TryParse(PasswordHashHashHex), Hex.TryParse(NtResponseHex));
            Expect.Bytes(Hex.TryParse(MasterKeyHex), master, "MasterKey");
            // RFC 3079 §3.5.3 computes the server's send key, which is the client's receive key.
            Expect.Bytes(Hex.TryParse(SendStartKey128Hex), MsChapV2.AsymmetricStartKey(master, true, true), "server send key");
            Expect.Bytes(Hex.TryParse(SendStartKey128Hex), MsChapV2.AsymmetricStartKey(master, false, false), "client receive key");
            byte[] msk = MsChapV2.PeerMsk(Hex.TryParse(PasswordHashHex), Hex.TryParse(NtResponseHex));
            Assert.AreEqual(32, msk.Length);
            byte[] recv = new byte[16];
            System.Array.Copy(msk, 16, recv, 0, 16);
            Expect.Bytes(Hex.TryParse(SendStartKey128Hex), recv, "MSK second half: the peer's receive key");
            byte[] send = new byte[16];
            System.Array.Copy(msk, 0, send, 0, 16);
            Expect.Bytes(MsChapV2.AsymmetricStartKey(master, false, true), send, "MSK first half: the peer's send key = the server's receive key");
        }

        [TestMethod]
        public void DesKeyExpansionSpreadsSevenBytesOverEight()
        {
            byte[] k = MsChapV2.ExpandDesKey(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, 0);
            Expect.Bytes(new byte[] { 0xFE, 0xFE, 0xFE, 0xFE, 0xFE, 0xFE, 0xFE, 0xFE }, k, "all ones");
            k = MsChapV2.ExpandDesKey(new byte[] { 0x80, 0, 0, 0, 0, 0, 0x01 }, 0);
            Expect.Bytes(new byte[] { 0x80, 0, 0, 0, 0, 0, 0, 0x02 }, k, "first and last bit");
        }

        [TestMethod]
        public void CallerMistakesThrow()
        {
            Expect.ThrowsArgument(delegate { MsChapV2.ChallengeHash(new byte[15], AuthChallenge, User); }, "short peer challenge");
            Expect.ThrowsArgument(delegate { MsChapV2.ChallengeResponse(new byte[8], new byte[15]); }, "short hash");
            Expect.ThrowsArgument(delegate { MsChapV2.NtPasswordHash(new string('x', 257)); }, "257-character password");
        }

        // ---- the EAP method ----

        private static MsChapV2Method Method(string password)
        {
            MsChapV2Method m = new MsChapV2Method(User, password, new FixedRandom(PeerChallenge));
            m.Initialize();
            return m;
        }

        /// <summary>Challenge Type-Data: OpCode 1, MS-CHAPv2-ID, MS-Length, Value-Size 16, challenge, Name.</summary>
        internal static byte[] ChallengeData(int msId, byte[] challenge, string name)
        {
            byte[] n = Ascii.GetBytes(name);
            byte[] d = new byte[4 + 1 + 16 + n.Length];
            d[0] = MsChapV2Method.OpChallenge;
            d[1] = (byte)msId;
            BigEndian.WriteUInt16(d, 2, d.Length);
            d[4] = 16;
            System.Array.Copy(challenge, 0, d, 5, 16);
            System.Array.Copy(n, 0, d, 21, n.Length);
            return d;
        }

        internal static byte[] TextData(int op, int msId, string text)
        {
            byte[] t = Ascii.GetBytes(text);
            byte[] d = new byte[4 + t.Length];
            d[0] = (byte)op;
            d[1] = (byte)msId;
            BigEndian.WriteUInt16(d, 2, d.Length);
            System.Array.Copy(t, 0, d, 4, t.Length);
            return d;
        }

        private static EapMethodResult Run(MsChapV2Method m, byte[] data)
        {
            EapMethodResult r = new EapMethodResult();
            m.Process(7, data, 0, data.Length, r);
            return r;
        }

        [TestMethod]
        public void ResponseCarriesTheRfcNtResponseAndSuccessIsVerified()
        {
            MsChapV2Method m = Method(Password);
            EapMethodResult r = Run(m, ChallengeData(0x2a, AuthChallenge, "hostapd"));
            Assert.IsFalse(r.Ignore, r.Note);
            byte[] d = r.ResponseData;
            Assert.AreEqual(4 + 1 + 49 + 4, d.Length);
            Assert.AreEqual(MsChapV2Method.OpResponse, (int)d[0]);
            Assert.AreEqual(0x2a, (int)d[1], "MS-CHAPv2-ID of the Challenge");
            Assert.AreEqual(d.Length, (int)BigEndian.ReadUInt16(d, 2), "MS-Length");
            Assert.AreEqual(49, (int)d[4], "Value-Size");
            byte[] part = new byte[16];
            System.Array.Copy(d, 5, part, 0, 16);
            Expect.Bytes(PeerChallenge, part, "Peer-Challenge");
            for (int i = 21; i < 29; i++) Assert.AreEqual(0, (int)d[i], "reserved");
            byte[] nt = new byte[24];
            System.Array.Copy(d, 29, nt, 0, 24);
            Expect.Bytes(Hex.TryParse(NtResponseHex), nt, "NT-Response (RFC 2759 §9.2)");
            Assert.AreEqual(0, (int)d[53], "Flags");
            Assert.AreEqual(User, Ascii.Printable(d, 54, 4), "Name");
            Assert.AreEqual(EapMethodState.MayCont, r.MethodState);
            Assert.AreEqual(EapDecision.Fail, r.Decision);
            Expect.NotContains(r.Note, Password, "note");

            r = Run(m, TextData(MsChapV2Method.OpSuccess, 0x2a, AuthenticatorResponse + " M=Welcome"));
            Assert.IsFalse(r.Ignore, r.Note);
            Expect.Bytes(new byte[] { MsChapV2Method.OpSuccess }, r.ResponseData, "Success acknowledged with the OpCode alone");
            Assert.AreEqual(EapMethodState.Done, r.MethodState);
            Assert.AreEqual(EapDecision.UncondSucc, r.Decision);
            Expect.Contains(r.Note, "\"Welcome\"", "server message");
            Assert.IsTrue(m.IsKeyAvailable);
            Expect.Bytes(MsChapV2.PeerMsk(Hex.TryParse(PasswordHashHex), Hex.TryParse(NtResponseHex)), m.GetKey(), "MSK");
        }

        [TestMethod]
        public void AWrongAuthenticatorResponseIsAHardFailure()
        {
            MsChapV2Method m = Method(Password);
            Run(m, ChallengeData(1, AuthChallenge, ""));
            EapMethodResult r = Run(m, TextData(MsChapV2Method.OpSuccess, 1, "S=407A5589115FD0D6209F510FE9C04566932CDA57 M=ok"));
            Assert.IsFalse(r.Ignore);
            Assert.IsNull(r.ResponseData, "no answer: the peer ends the conversation");
            Assert.AreEqual(EapMethodState.Done, r.MethodState);
            Assert.AreEqual(EapDecision.Fail, r.Decision);
            Assert.IsTrue(m.ServerNotAuthenticated);
            Assert.IsFalse(m.IsKeyAvailable);
            Expect.Contains(m.RejectionHint, "impostor", "diagnosis");
            // A server that knows another password fails the same way.
            MsChapV2Method other = Method("not-" + Password);
            Run(other, ChallengeData(1, AuthChallenge, ""));
            r = Run(other, TextData(MsChapV2Method.OpSuccess, 1, AuthenticatorResponse));
            Assert.IsNull(r.ResponseData);
            Assert.IsTrue(other.ServerNotAuthenticated);
        }

        [TestMethod]
        public void FailureCodesAreExplained()
        {
            string[] texts = new string[]
            {
                "E=691 R=0 C=00112233445566778899aabbccddeeff V=3 M=Authentication failure",
                "E=646 R=0 V=3",
                "E=647 R=0 V=3 M=Account disabled",
                "E=648 R=0 C=00112233445566778899aabbccddeeff V=3 M=Password expired",
                "E=649 R=0 V=3",
                "E=12345 R=1 V=3",
                "",
            };
            string[] expected = new string[]
            {
                "wrong password (or unknown user): MS-CHAPv2 error 691, authentication failure; server message \"Authentication failure\"",
                "restricted logon hours",
                "the account is disabled: MS-CHAPv2 error 647; server message \"Account disabled\"",
                "the password has expired: MS-CHAPv2 error 648",
                "no dial-in permission",
                "MS-CHAPv2 error 12345",
                "without an error code",
            };
            int[] codes = new int[] { 691, 646, 647, 648, 649, 12345, 0 };
            for (int i = 0; i < texts.Length; i++)
            {
                MsChapV2Method m = Method(Password);
                Run(m, ChallengeData(3, AuthChallenge, ""));
                EapMethodResult r = Run(m, TextData(MsChapV2Method.OpFailure, 3, texts[i]));
                Assert.IsFalse(r.Ignore, texts[i]);
                Expect.Bytes(new byte[] { MsChapV2Method.OpFailure }, r.ResponseData, "Failure acknowledged with the OpCode alone");
                Assert.AreEqual(EapMethodState.Done, r.MethodState);
                Assert.AreEqual(EapDecision.Fail, r.Decision);
                Assert.AreEqual(codes[i], m.ErrorCode, texts[i]);
                Expect.Contains(m.RejectionHint, expected[i], texts[i]);
            }
        }

        [TestMethod]
        public void FailureFieldsAreParsed()
        {
            byte[] t = Ascii.GetBytes("E=691 R=1 C=00112233445566778899AABBCCDDEEFF V=3 M=Bad password, try again");
            MsChapV2Failure f = MsChapV2Failure.Parse(t, 0, t.Length);
            Assert.AreEqual(691, f.Error);
            Assert.IsTrue(f.Retry);
            Expect.Bytes(Hex.TryParse("00112233445566778899aabbccddeeff"), f.Challenge, "C=");
            Assert.AreEqual(3, f.Version);
            Assert.AreEqual("Bad password, try again", f.Message);
            // Garbage never throws and yields nothing.
            string[] junk = new string[] { "E=", "E=69x", "=", "E=99999999999", "X", "E=691R=0", "  ", "C=zz V=q" };
            for (int i = 0; i < junk.Length; i++)
            {
                byte[] j = Ascii.GetBytes(junk[i]);
                MsChapV2Failure g = MsChapV2Failure.Parse(j, 0, j.Length);
                Assert.IsTrue(g.Error <= 0, junk[i]);
                Assert.IsNull(g.Challenge, junk[i]);
            }
        }

        [TestMethod]
        public void MalformedPacketsAreIgnored()
        {
            byte[] good = ChallengeData(5, AuthChallenge, "srv");
            // Every truncation of a Challenge below its 21 bytes is ignored, never thrown.
            for (int n = 0; n < 21; n++)
            {
                MsChapV2Method m = Method(Password);
                byte[] cut = new byte[n];
                System.Array.Copy(good, 0, cut, 0, n);
                if (n >= 4) BigEndian.WriteUInt16(cut, 2, n);
                EapMethodResult r = Run(m, cut);
                Assert.IsTrue(r.Ignore, "truncated to " + n.ToString());
                Assert.IsNull(r.ResponseData);
            }
            byte[][] rows = new byte[][]
            {
                Mutate(good, 4, 8),        // Value-Size 8
                Mutate(good, 4, 49),       // Value-Size 49
                Mutate(good, 2, 0x7f),     // MS-Length beyond the data
                Mutate(good, 0, 2),        // a Response OpCode from the server
                Mutate(good, 0, 7),        // Change-Password from the server
                Mutate(good, 0, 0),        // OpCode 0
            };
            for (int i = 0; i < rows.Length; i++)
            {
                EapMethodResult r = Run(Method(Password), rows[i]);
                Assert.IsTrue(r.Ignore, "row " + i.ToString());
            }
            // Success or Failure before any Challenge: ignored (no state to check it against).
            Assert.IsTrue(Run(Method(Password), TextData(MsChapV2Method.OpSuccess, 1, AuthenticatorResponse)).Ignore, "early Success");
            // After the end, nothing more is taken.
            MsChapV2Method done = Method(Password);
            Run(done, ChallengeData(1, AuthChallenge, ""));
            Run(done, TextData(MsChapV2Method.OpSuccess, 1, AuthenticatorResponse));
            Assert.IsTrue(Run(done, ChallengeData(2, AuthChallenge, "")).Ignore, "Challenge after Success");
            Assert.IsTrue(Run(done, TextData(MsChapV2Method.OpFailure, 2, "E=691")).Ignore, "Failure after Success");
            // Seeded random Type-Data never throws.
            SeededRandom rnd = new SeededRandom(26);
            for (int i = 0; i < 500; i++)
            {
                byte[] b = new byte[rnd.Next(80)];
                rnd.NextBytes(b);
                if (b.Length > 0) b[0] = (byte)(1 + rnd.Next(4));
                MsChapV2Method m = Method(Password);
                if (rnd.Next(2) == 0) Run(m, ChallengeData(1, AuthChallenge, ""));
                Run(m, b);
            }
        }

        private static byte[] Mutate(byte[] b, int at, int value)
        {
            byte[] c = (byte[])b.Clone();
            if (at == 2) BigEndian.WriteUInt16(c, 2, c.Length + value);
            else c[at] = (byte)value;
            return c;
        }

        // ---- through the RFC 4137 peer and the 802.1X supplicant ----

        private static SupplicantPae Supplicant(string password)
        {
            return new SupplicantPae(SupplicantPaeTests.PhoneMac, new EapPeer(User, new MsChapV2Method(User, password, new FixedRandom(PeerChallenge))));
        }

        private static EapPacket Last(Outbox o)
        {
            EapolFrame f = SupplicantPaeTests.Decode(o.FrameAt(o.FrameCount - 1));
            EapPacket p;
            string reason;
            Assert.IsTrue(EapPacket.TryDecode(f.Body, 0, f.Body.Length, out p, out reason), reason);
            return p;
        }

        [TestMethod]
        public void StandaloneEapMsChapV2AuthenticatesAndAcknowledgesSuccess()
        {
            Outbox o = new Outbox();
            SupplicantPae s = Supplicant(Password);
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 2, EapType.MsChapV2, ChallengeData(2, AuthChallenge, "srv")), 2, o);
            EapPacket resp = Last(o);
            Assert.AreEqual(EapType.MsChapV2, resp.Type);
            Assert.AreEqual(MsChapV2Method.OpResponse, (int)resp.TypeData[0]);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 3, EapType.MsChapV2, TextData(MsChapV2Method.OpSuccess, 2, AuthenticatorResponse)), 3, o);
            resp = Last(o);
            Assert.AreEqual(3, resp.Identifier);
            Expect.Bytes(new byte[] { MsChapV2Method.OpSuccess }, resp.TypeData, "Success acknowledged");
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Success, 3, EapType.None, null), 4, o);
            Assert.AreEqual(Dot1xOutcome.Authenticated, s.Outcome, s.Summary);
        }

        [TestMethod]
        public void WrongPasswordIsAcknowledgedThenDiagnosedAs691()
        {
            Outbox o = new Outbox();
            SupplicantPae s = Supplicant("not-" + Password);
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 2, EapType.MsChapV2, ChallengeData(2, AuthChallenge, "srv")), 2, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 3, EapType.MsChapV2,
                TextData(MsChapV2Method.OpFailure, 2, "E=691 R=0 C=00112233445566778899aabbccddeeff V=3 M=FAILED")), 3, o);
            EapPacket resp = Last(o);
            Assert.AreEqual(3, resp.Identifier, "the Failure is acknowledged before the EAP-Failure");
            Expect.Bytes(new byte[] { MsChapV2Method.OpFailure }, resp.TypeData, "Failure acknowledged");
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Failure, 3, EapType.None, null), 4, o);
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome);
            Expect.Contains(s.Summary, "EAP-Failure after EAP-MSCHAPv2: the RADIUS server refused identity 'User' (wrong password (or unknown user): MS-CHAPv2 error 691", "summary");
            Expect.NotContains(s.Summary, "not-" + Password, "summary");
        }

        [TestMethod]
        public void ImpostorSuccessEndsTheConversationWithoutAnswer()
        {
            Outbox o = new Outbox();
            SupplicantPae s = Supplicant(Password);
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 2, EapType.MsChapV2, ChallengeData(2, AuthChallenge, "srv")), 2, o);
            int frames = o.FrameCount;
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 3, EapType.MsChapV2,
                TextData(MsChapV2Method.OpSuccess, 2, "S=0000000000000000000000000000000000000000 M=welcome")), 3, o);
            Assert.AreEqual(frames, o.FrameCount, "nothing sent to the impostor");
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome);
            Expect.Contains(s.Summary, "impostor", "summary");
            // A later EAP-Success does not authorize the port.
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Success, 3, EapType.None, null), 4, o);
            Assert.IsFalse(s.PortAuthorized);
        }
    }
}
