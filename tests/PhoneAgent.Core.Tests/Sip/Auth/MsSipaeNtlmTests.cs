#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip.Auth;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Sip.Auth
{
    /// <summary>MS-SIPAE over NTLMv2, replaying a real Office Communicator 2007 R2 ↔ OCS 2007 R2
    /// registration: the empty-token answer, the Proxy-Authorization with the AUTHENTICATE_MESSAGE
    /// and Communicator's own signature, the server's rspauth verified, then failures.</summary>
    [TestClass]
    public class MsSipaeNtlmTests
    {
        private const string FirstChallenge = "NTLM realm=\"SIP Communications Service\", targetname=\"cosmo-ocs-r2.cosmo.local\", version=4";
        private static readonly string SecondChallenge = "NTLM opaque=\"2BDBAC9D\", gssapi-data=\"" + OcsTraceVectors.ChallengeBase64
            + "\", targetname=\"cosmo-ocs-r2.cosmo.local\", realm=\"SIP Communications Service\"";

        private static AuthChallenge Proxy(string value)
        {
            AuthChallenge c = ChallengeSet.Parse(null, new string[] { value }).Ntlm();
            Assert.IsNotNull(c, value);
            return c;
        }

        private static ScriptedRandom TraceRandom()
        {
            // NtlmClient draws the client challenge, then the random session key; then the crand.
            byte[] r = new byte[28];
            System.Array.Copy(Hex.TryParse(OcsTraceVectors.ClientChallenge), 0, r, 0, 8);
            System.Array.Copy(NtlmTests.RandomSessionKeyOfTheTrace(), 0, r, 8, 16);
            System.Array.Copy(Hex.TryParse(OcsTraceVectors.Crand), 0, r, 24, 4);
            return new ScriptedRandom(r);
        }

        private static SipSignatureFields Register(string from, string to, string expires)
        {
            SipSignatureFields f = new SipSignatureFields();
            f.CallId = OcsTraceVectors.CallId;
            f.CSeqNumber = "3";
            f.CSeqMethod = "REGISTER";
            SipSignatureFields.SplitNameAddr(from, out f.FromUri, out f.FromTag);
            SipSignatureFields.SplitNameAddr(to, out f.ToUri, out f.ToTag);
            f.Expires = expires;
            return f;
        }

        private static MsSipaeNtlm Established(out SipSignatureFields request)
        {
            MsSipaeNtlm sa = new MsSipaeNtlm(OcsTraceVectors.User, OcsTraceVectors.Domain, OcsTraceVectors.Password, OcsTraceVectors.Workstation, TraceRandom());
            sa.NtlmVersion = Hex.TryParse(OcsTraceVectors.Version);
            Assert.IsNotNull(sa.Answer(Proxy(FirstChallenge), new SipSignatureFields(), 0), sa.Diagnosis);
            request = Register(OcsTraceVectors.From, OcsTraceVectors.To, "");
            Assert.IsNotNull(sa.Answer(Proxy(SecondChallenge), request, OcsTraceVectors.Time), sa.Diagnosis);
            SipSignatureFields ok = Register(OcsTraceVectors.ResponseFrom, OcsTraceVectors.ResponseTo, OcsTraceVectors.ResponseExpires);
            ok.ResponseCode = 200;
            string reason;
            Assert.IsTrue(sa.VerifyResponse(OcsTraceVectors.AuthenticationInfo, ok, out reason), reason);
            return sa;
        }

        [TestMethod]
        public void OfficeCommunicatorRegistrationReplayed()
        {
            ScriptedRandom random = TraceRandom();
            MsSipaeNtlm sa = new MsSipaeNtlm(OcsTraceVectors.User, OcsTraceVectors.Domain, OcsTraceVectors.Password, OcsTraceVectors.Workstation, random);
            sa.NtlmVersion = Hex.TryParse(OcsTraceVectors.Version);

            // Steps 1-2: the challenge names realm, targetname and version; the answer is an empty token (MS-SIPAE §4.1 step 3).
            string first = sa.Answer(Proxy(FirstChallenge), new SipSignatureFields(), 0);
            Assert.AreEqual("NTLM qop=\"auth\", realm=\"SIP Communications Service\", targetname=\"cosmo-ocs-r2.cosmo.local\", version=4, gssapi-data=\"\"", first);
            Assert.AreEqual(MsSipaeNtlm.Negotiating, sa.State);
            Assert.AreEqual(0, random.Used, "nothing random before the CHALLENGE_MESSAGE");

            // Steps 3-4: the CHALLENGE_MESSAGE; the answer carries Communicator's exact AUTHENTICATE_MESSAGE and signature.
            SipSignatureFields request = Register(OcsTraceVectors.From, OcsTraceVectors.To, "");
            string second = sa.Answer(Proxy(SecondChallenge), request, OcsTraceVectors.Time);
            Assert.AreEqual(OcsTraceVectors.ProxyAuthorization, second);
            Assert.AreEqual(OcsTraceVectors.RequestBuffer, request.ToBuffer(4));
            Assert.AreEqual(MsSipaeNtlm.Authenticating, sa.State);
            Assert.AreEqual("2BDBAC9D", sa.Opaque);

            // Step 5: the 200 OK's rspauth, made by OCS with the server keys, verifies (MS-SIPAE §3.2.5.2).
            SipSignatureFields ok = Register(OcsTraceVectors.ResponseFrom, OcsTraceVectors.ResponseTo, OcsTraceVectors.ResponseExpires);
            ok.ResponseCode = 200;
            string reason;
            Assert.IsTrue(sa.VerifyResponse(OcsTraceVectors.AuthenticationInfo, ok, out reason), reason);
            Assert.AreEqual(OcsTraceVectors.ResponseBuffer, ok.ToBuffer(4));
            Assert.AreEqual(MsSipaeNtlm.Established, sa.State);
            Support.Expect.NotContains(sa.ToString(), OcsTraceVectors.Password, "ToString");
        }

        [TestMethod]
        public void AlteredResponsesDoNotVerify()
        {
            SipSignatureFields request;
            MsSipaeNtlm sa = Established(out request);
            string reason;
            SipSignatureFields ok = Register(OcsTraceVectors.ResponseFrom, OcsTraceVectors.ResponseTo, "3600");   // Expires changed
            ok.ResponseCode = 200;
            Assert.IsFalse(sa.VerifyResponse(OcsTraceVectors.AuthenticationInfo, ok, out reason));
            Support.Expect.Contains(reason, "does not verify", "altered Expires");
            ok.Expires = OcsTraceVectors.ResponseExpires;
            ok.ResponseCode = 403;
            Assert.IsFalse(sa.VerifyResponse(OcsTraceVectors.AuthenticationInfo, ok, out reason), "altered status code");
            ok.ResponseCode = 200;
            Assert.IsFalse(sa.VerifyResponse(Replace(OcsTraceVectors.AuthenticationInfo, "9616454F", "9616454E"), ok, out reason), "altered srand");
            Assert.IsFalse(sa.VerifyResponse(Replace(OcsTraceVectors.AuthenticationInfo, "targetname=\"cosmo", "targetname=\"other"), ok, out reason));
            Support.Expect.Contains(reason, "another realm or targetname", "other SA");
            Assert.IsFalse(sa.VerifyResponse(Replace(OcsTraceVectors.AuthenticationInfo, "E615438A917661BE64000000", "E615438A"), ok, out reason));
            Support.Expect.Contains(reason, "16-byte rspauth", "short rspauth");
            Assert.IsFalse(sa.VerifyResponse("NTLM rspauth=\"unterminated", ok, out reason));
            Support.Expect.Contains(reason, "Authentication-Info:", "unparsable");
            Assert.IsTrue(sa.VerifyResponse(OcsTraceVectors.AuthenticationInfo, ok, out reason), "the original still verifies: " + reason);
        }

        // string.Replace is not in the nanoFramework surface.
        private static string Replace(string s, string what, string with)
        {
            int i = s.IndexOf(what);
            Assert.IsTrue(i >= 0, what);
            return s.Substring(0, i) + with + s.Substring(i + what.Length);
        }

        [TestMethod]
        public void LaterRequestsAreSignedWithTheNextCnum()
        {
            SipSignatureFields request;
            MsSipaeNtlm sa = Established(out request);
            SipSignatureFields next = Register(OcsTraceVectors.From, "<sip:user@cosmo.local>;tag=5E61CCD925D17E043D9A74835A88F664", "7200");
            next.CSeqNumber = "4";
            string h = sa.Sign(next);
            string error;
            AuthParams p = AuthHeaderParser.TryParseCredentials(h, out error);
            Assert.IsNotNull(p, error);
            Assert.AreEqual("2", p.Get("cnum"));
            Assert.AreEqual("2BDBAC9D", p.Get("opaque"));
            Assert.IsNull(p.Get("gssapi-data"), "the token is sent once");
            Assert.AreEqual("2", next.Num);
            string expected = Hex.Bytes(sa.Context.Sign(Ascii.GetBytes(next.ToBuffer(4)), MsSipaeNtlm.SignatureSeqNum));
            Assert.AreEqual(expected, p.Get("response"));
            Assert.AreEqual("<NTLM><" + p.Get("crand") + "><2><SIP Communications Service><cosmo-ocs-r2.cosmo.local><4037df9284354df39065195bd57a4b14><4><REGISTER><sip:user@cosmo.local><3e49177a52><sip:user@cosmo.local><5E61CCD925D17E043D9A74835A88F664><><><7200>",
                next.ToBuffer(4));
        }

        [TestMethod]
        public void RefusedCredentialsAndRefusedServers()
        {
            MsSipaeNtlm sa = new MsSipaeNtlm("User", "COSMO", "Tr0ub4dor&3", "w", new PhoneAgent.Core.Tests.Support.SeededRandom(1));
            sa.Answer(Proxy(FirstChallenge), new SipSignatureFields(), 0);
            Assert.IsNotNull(sa.Answer(Proxy(SecondChallenge), Register(OcsTraceVectors.From, OcsTraceVectors.To, ""), 1));
            // A wrong password shows as a fresh first challenge after the AUTHENTICATE_MESSAGE.
            Assert.IsNull(sa.Answer(Proxy(FirstChallenge), new SipSignatureFields(), 0));
            Assert.AreEqual(MsSipaeNtlm.Failed, sa.State);
            Support.Expect.Contains(sa.Diagnosis, "refused the NTLM credentials of COSMO\\User", "diagnosis");
            Support.Expect.NotContains(sa.Diagnosis, "Tr0ub4dor", "no password in the diagnosis");
            sa.Reset();
            Assert.IsNotNull(sa.Answer(Proxy(FirstChallenge), new SipSignatureFields(), 0), "a reset association starts again");

            // A registrar whose CHALLENGE_MESSAGE lacks what NTLMv2 needs.
            byte[] v1 = NtlmTests.BuildChallenge(NtlmFlags.Default & ~NtlmFlags.ExtendedSessionSecurity, "00000000");
            string v1Challenge = "NTLM opaque=\"1\", gssapi-data=\"" + Base64.Encode(v1) + "\", targetname=\"t\", realm=\"r\"";
            MsSipaeNtlm sb = new MsSipaeNtlm("u", "d", "p", "w", new PhoneAgent.Core.Tests.Support.SeededRandom(2));
            Assert.IsNull(sb.Answer(Proxy(v1Challenge), new SipSignatureFields(), 1));
            Support.Expect.Contains(sb.Diagnosis, "the registrar demands NTLMv1/LM", "NTLMv1");
            Assert.IsNull(sb.Sign(new SipSignatureFields()), "no association, no signature");

            MsSipaeNtlm sc = new MsSipaeNtlm("u", "d", "p", "w", new PhoneAgent.Core.Tests.Support.SeededRandom(3));
            Assert.IsNull(sc.Answer(Proxy("NTLM realm=\"r\", targetname=\"t\", gssapi-data=\"AAAA\""), new SipSignatureFields(), 1));
            Support.Expect.Contains(sc.Diagnosis, "shorter than a CHALLENGE_MESSAGE", "garbage token");
            string reason;
            Assert.IsFalse(sc.VerifyResponse(OcsTraceVectors.AuthenticationInfo, new SipSignatureFields(), out reason));
            Support.Expect.Contains(reason, "no NTLM security association", "verify without SA");
        }

        [TestMethod]
        public void SignatureBuffersOfOtherCaptures()
        {
            // A 180 Ringing from a Nokia client (version 4, P-Asserted-Identity, upper-case header names).
            SipSignatureFields f = new SipSignatureFields();
            f.Rand = "1B6D47A1";
            f.Num = "11";
            f.Realm = "SIP Communications Service";
            f.TargetName = "LOC-COMPANYT-FE03.COMPANY.COM";
            f.CallId = "41CEg82ECa0AC8i3DD7mE673t9CF4b19DAxF780x";
            f.CSeqNumber = "1";
            f.CSeqMethod = "INVITE";
            SipSignatureFields.SplitNameAddr("\"Sender\"<sip:sender@company.com>;tag=2420628112;epid=54392f1bbf01", out f.FromUri, out f.FromTag);
            SipSignatureFields.SplitNameAddr("\"recipient\"<sip:recipient@company.com>;tag=7aee15546a;epid=3102EB8BD1", out f.ToUri, out f.ToTag);
            string tag;
            SipSignatureFields.SplitNameAddr("\"recipient\"<SIP:recipient@company.com>", out f.AssertedSipUri, out tag);
            f.ResponseCode = 180;
            Assert.AreEqual("<NTLM><1B6D47A1><11><SIP Communications Service><LOC-COMPANYT-FE03.COMPANY.COM><41CEg82ECa0AC8i3DD7mE673t9CF4b19DAxF780x><1><INVITE><sip:sender@company.com><2420628112><sip:recipient@company.com><7aee15546a><SIP:recipient@company.com><><><180>",
                f.ToBuffer(4));

            // An OCS 2007 200 OK under the older list (version below 3: no To URI, no P-Asserted-Identity).
            SipSignatureFields g = new SipSignatureFields();
            g.Rand = "0878F41B";
            g.Num = "1";
            g.Realm = "SIP Communications Service";
            g.TargetName = "ocs1.ocs.provo.novell.com";
            g.CallId = "8592g5DCBa1694i5887m0D0Bt2247b3F38xAE9Fx";
            g.CSeqNumber = "3";
            g.CSeqMethod = "REGISTER";
            SipSignatureFields.SplitNameAddr("\"Gabriel Burt\"<sip:gabriel@ocs.provo.novell.com>;tag=2947328781;epid=1234567890", out g.FromUri, out g.FromTag);
            SipSignatureFields.SplitNameAddr("<sip:gabriel@ocs.provo.novell.com>;tag=B816D65C2300A32CFA6D371F2AF537FD", out g.ToUri, out g.ToTag);
            g.Expires = "900";
            g.ResponseCode = 200;
            Assert.AreEqual("<NTLM><0878F41B><1><SIP Communications Service><ocs1.ocs.provo.novell.com><8592g5DCBa1694i5887m0D0Bt2247b3F38xAE9Fx><3><REGISTER><sip:gabriel@ocs.provo.novell.com><2947328781><B816D65C2300A32CFA6D371F2AF537FD><900><200>",
                g.ToBuffer(2));
        }

        [TestMethod]
        public void NameAddrSplitting()
        {
            string uri, tag;
            SipSignatureFields.SplitNameAddr("sip:a@b.example;tag=x1;other=2", out uri, out tag);
            Assert.AreEqual("sip:a@b.example", uri);
            Assert.AreEqual("x1", tag);
            SipSignatureFields.SplitNameAddr("\"a <b> \\\" c\" <sip:c@d>;TAG=Z", out uri, out tag);
            Assert.AreEqual("sip:c@d", uri);
            Assert.AreEqual("Z", tag);
            SipSignatureFields.SplitNameAddr("<sip:unterminated", out uri, out tag);
            Assert.AreEqual("", uri);
            SipSignatureFields.SplitNameAddr(null, out uri, out tag);
            Assert.AreEqual("", tag);
        }
    }
}
