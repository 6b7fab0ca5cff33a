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
    /// <summary>The IEEE 802.1X-2004 §8.2.11/§8.2.12 supplicant with the RFC 4137 peer, on
    /// virtual time: the test plays the authenticator, partly with the frames hostapd sent in
    /// the lab (EapolVectors), and reads what the supplicant put in the outbox.</summary>
    [TestClass]
    public class SupplicantPaeTests
    {
        internal static readonly byte[] PhoneMac = new byte[] { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 };
        internal static readonly byte[] SwitchMac = new byte[] { 0x7a, 0x2f, 0x5a, 0x2a, 0xee, 0xf1 };
        private const string Identity = "md5user";

        internal static SupplicantPae NewSupplicant(string password)
        {
            return new SupplicantPae(PhoneMac, new EapPeer(Identity, new Md5ChallengeMethod(password)));
        }

        internal static EapolFrame Decode(byte[] wire)
        {
            EapolFrame f;
            string reason;
            Assert.IsTrue(EapolFrame.TryDecode(wire, 0, wire.Length, out f, out reason), "supplicant sent an undecodable frame: " + reason);
            return f;
        }

        private static EapolFrame Vector(string hex) { return Decode(Hex.TryParse(hex)); }

        private static EapolFrame LastFrame(Outbox o) { return Decode(o.FrameAt(o.FrameCount - 1)); }

        private static EapPacket LastEap(Outbox o)
        {
            EapolFrame f = LastFrame(o);
            Assert.AreEqual(Eapol.TypeEapPacket, f.PacketType, "last frame is an EAP-Packet");
            EapPacket p;
            string reason;
            Assert.IsTrue(EapPacket.TryDecode(f.Body, 0, f.Body.Length, out p, out reason), reason);
            return p;
        }

        internal static EapolFrame FromSwitch(int code, int id, int type, byte[] data)
        {
            EapPacket p = new EapPacket();
            p.Code = code;
            p.Identifier = id;
            p.Type = type;
            if (data != null) p.TypeData = data;
            return EapolFrame.ToPaeGroup(SwitchMac, Eapol.TypeEapPacket, p.Encode());
        }

        private static string Notes(Outbox o)
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            for (int i = 0; i < o.NoteCount; i++) { sb.Append(o.NoteAt(i).Text); sb.Append('\n'); }
            return sb.ToString();
        }

        /// <summary>Start, then the captured Request/Identity and MD5-Challenge.</summary>
        private static SupplicantPae ThroughMd5(Outbox o, string password)
        {
            SupplicantPae s = NewSupplicant(password);
            s.Start(0, o);
            s.OnFrame(Vector(EapolVectors.RequestIdentity), 5, o);
            s.OnFrame(Vector(EapolVectors.RequestMd5), 10, o);
            return s;
        }

        [TestMethod]
        public void StartSendsEapolStartToThePaeGroupAddress()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            Assert.AreEqual(Deadline.None, s.NextDeadlineMs, "nothing before Start");
            s.Start(1000, o);
            Assert.AreEqual(SupplicantPaeState.Connecting, s.State);
            Assert.AreEqual(SupplicantBackendState.Idle, s.BackendState);
            Assert.AreEqual(EapPeerState.Idle, s.Peer.State);
            Assert.AreEqual(1, o.FrameCount);
            EapolFrame f = LastFrame(o);
            Expect.Bytes(Eapol.PaeGroupAddress(), f.Destination, "destination");
            Expect.Bytes(PhoneMac, f.Source, "source");
            Assert.AreEqual(Eapol.TypeStart, f.PacketType);
            Assert.AreEqual(Eapol.SendVersion, f.Version);
            Assert.AreEqual(0, f.Body.Length);
            Assert.AreEqual(31000L, s.NextDeadlineMs, "startWhen = startPeriod (30 s)");
            Assert.IsFalse(s.PortAuthorized);
        }

        [TestMethod]
        public void UnansweredStartsAreRepeated30sApartThenThePortIsTakenAsOpen()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            s.Start(0, o);
            s.OnDeadline(29999, o);
            Assert.AreEqual(1, o.FrameCount, "nothing before startWhen");
            s.OnDeadline(30000, o);
            Assert.AreEqual(2, o.FrameCount);
            Assert.AreEqual(60000L, s.NextDeadlineMs);
            s.OnDeadline(60000, o);
            Assert.AreEqual(3, o.FrameCount);
            Assert.AreEqual(3, s.StartCount);
            Assert.AreEqual(Eapol.TypeStart, LastFrame(o).PacketType);
            Assert.AreEqual(90000L, s.NextDeadlineMs);
            s.OnDeadline(90000, o);
            Assert.AreEqual(3, o.FrameCount, "maxStart = 3: no fourth Start");
            Assert.AreEqual(SupplicantPaeState.Authenticated, s.State);
            Assert.IsTrue(s.PortAuthorized, "no authenticator: the port is taken as open");
            Assert.AreEqual(Dot1xOutcome.NoAuthenticator, s.Outcome);
            Assert.AreEqual("no EAPOL from the switch after 3 EAPOL-Starts in 90 s: port not 802.1X-controlled, continuing", s.Summary);
            Assert.AreEqual(Deadline.None, s.NextDeadlineMs);
        }

        [TestMethod]
        public void IdentityAndMd5RoundAuthenticatesLikeWpaSupplicant()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant(EapolVectors.Md5Password);
            s.Start(0, o);
            s.OnFrame(Vector(EapolVectors.RequestIdentity), 5, o);
            Assert.AreEqual(SupplicantPaeState.Authenticating, s.State);
            Assert.AreEqual(SupplicantBackendState.Receive, s.BackendState);
            EapPacket id = LastEap(o);
            Assert.AreEqual(EapCode.Response, id.Code);
            Assert.AreEqual(0x5c, id.Identifier);
            Assert.AreEqual(EapType.Identity, id.Type);
            Assert.AreEqual("md5user", Ascii.Printable(id.TypeData, 0, id.TypeData.Length));
            Assert.AreEqual(30005L, s.NextDeadlineMs, "authWhile = authPeriod (30 s)");

            s.OnFrame(Vector(EapolVectors.RequestMd5), 10, o);
            // The captured response, byte for byte (only the EAPOL version and source MAC differ).
            Expect.Bytes(Vector(EapolVectors.ResponseMd5).Body, LastFrame(o).Body, "EAP-Response/MD5-Challenge");

            s.OnFrame(Vector(EapolVectors.Success), 12, o);
            Assert.AreEqual(SupplicantPaeState.Authenticated, s.State);
            Assert.AreEqual(SupplicantBackendState.Idle, s.BackendState);
            Assert.AreEqual(EapPeerState.Success, s.Peer.State);
            Assert.IsTrue(s.PortAuthorized);
            Assert.AreEqual(Dot1xOutcome.Authenticated, s.Outcome);
            Assert.AreEqual("authenticated as 'md5user' with MD5-Challenge by 7a:2f:5a:2a:ee:f1: port authorized", s.Summary);
            Assert.AreEqual(12L, s.OutcomeElapsedMs);
            Assert.AreEqual(3, o.FrameCount, "Start, Identity, MD5");
            Assert.AreEqual(Deadline.None, s.NextDeadlineMs);
            Expect.NotContains(Notes(o), EapolVectors.Md5Password, "notes");
            Expect.Contains(Notes(o), "EAP-Request/MD5-Challenge id 93 from 7a:2f:5a:2a:ee:f1", "each EAP step is told");
        }

        [TestMethod]
        public void WrongPasswordIsDiagnosedAndHeldFor60Seconds()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("not-the-password");
            s.Start(0, o);
            s.OnFrame(Vector(EapolVectors.RequestIdentity), 5, o);
            s.OnFrame(FromSwitch(EapCode.Request, 0xa3, EapType.Md5Challenge, Hex.TryParse("10" + EapolVectors.Md5Challenge)), 10, o);
            s.OnFrame(Vector(EapolVectors.Failure), 20, o);
            Assert.AreEqual(SupplicantPaeState.Held, s.State);
            Assert.AreEqual(EapPeerState.Failure, s.Peer.State);
            Assert.IsFalse(s.PortAuthorized);
            Assert.AreEqual(Dot1xOutcome.Failed, s.Outcome);
            Assert.AreEqual("EAP-Failure after MD5-Challenge: the RADIUS server refused identity 'md5user' (wrong password?)", s.Summary);
            Assert.AreEqual(60020L, s.NextDeadlineMs, "heldWhile = heldPeriod (60 s)");
            int sent = o.FrameCount;
            s.OnDeadline(60019, o);
            Assert.AreEqual(sent, o.FrameCount, "quiet while HELD");
            s.OnDeadline(60020, o);
            Assert.AreEqual(SupplicantPaeState.Connecting, s.State);
            Assert.AreEqual(sent + 1, o.FrameCount);
            Assert.AreEqual(Eapol.TypeStart, LastFrame(o).PacketType);
            Assert.AreEqual(1, s.StartCount, "a new attempt counts Starts from 1");
            Expect.NotContains(Notes(o), "not-the-password", "notes");
        }

        [TestMethod]
        public void HeldSupplicantRestartsOnANewRequest()
        {
            Outbox o = new Outbox();
            SupplicantPae s = ThroughMd5(o, "wrong");
            s.OnFrame(FromSwitch(EapCode.Failure, 0x5d, EapType.None, null), 20, o);
            Assert.AreEqual(SupplicantPaeState.Held, s.State);
            s.OnFrame(FromSwitch(EapCode.Request, 0x10, EapType.Identity, null), 1000, o);
            Assert.AreEqual(SupplicantPaeState.Authenticating, s.State, "RESTART, then AUTHENTICATING");
            Assert.AreEqual(EapType.Identity, LastEap(o).Type);
            Assert.AreEqual(0x10, LastEap(o).Identifier);
        }

        [TestMethod]
        public void RepeatedRequestGetsTheSameResponseAgain()
        {
            Outbox o = new Outbox();
            SupplicantPae s = ThroughMd5(o, EapolVectors.Md5Password);
            byte[] first = o.FrameAt(o.FrameCount - 1);
            s.OnFrame(Vector(EapolVectors.RequestMd5), 3000, o);
            Assert.AreEqual(4, o.FrameCount, "RETRANSMIT sends again");
            Expect.Bytes(first, o.FrameAt(3), "the very same response");
            Assert.AreEqual(EapPeerState.Idle, s.Peer.State);
            Assert.AreEqual(33000L, s.NextDeadlineMs, "authWhile restarted");
            Expect.Contains(Notes(o), "repeated by the authenticator", "note");
            s.OnFrame(Vector(EapolVectors.Success), 3010, o);
            Assert.AreEqual(Dot1xOutcome.Authenticated, s.Outcome);
        }

        [TestMethod]
        public void SuccessBeforeAnyMethodIsRefused()
        {
            // RFC 4137 §4.4 RECEIVED: rxSuccess with decision FAIL and methodState != CONT is a FAILURE.
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            s.Start(0, o);
            s.OnFrame(Vector(EapolVectors.RequestIdentity), 5, o);
            s.OnFrame(FromSwitch(EapCode.Success, 0x5c, EapType.None, null), 6, o);
            Assert.AreEqual(SupplicantPaeState.Held, s.State);
            Assert.IsFalse(s.PortAuthorized);
            Expect.Contains(s.Summary, "EAP-Success before any method ran: not accepted", "diagnosis");
        }

        [TestMethod]
        public void SuccessWithAStrangeIdentifierIsDiscarded()
        {
            Outbox o = new Outbox();
            SupplicantPae s = ThroughMd5(o, EapolVectors.Md5Password);
            s.OnFrame(FromSwitch(EapCode.Success, 0x70, EapType.None, null), 20, o);
            Assert.AreEqual(SupplicantPaeState.Authenticating, s.State, "DISCARD: not the last identifier");
            Assert.IsFalse(s.PortAuthorized);
            // The last identifier + 1 is accepted (some authenticators increment it).
            s.OnFrame(FromSwitch(EapCode.Success, 0x5e, EapType.None, null), 30, o);
            Assert.AreEqual(SupplicantPaeState.Authenticated, s.State);
        }

        [TestMethod]
        public void FiftyOneRequestsWithoutADecisionEndTheAttempt()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            s.Start(0, o);
            for (int i = 1; i <= EapPeer.MaxRounds; i++)
            {
                s.OnFrame(FromSwitch(EapCode.Request, i, EapType.Identity, null), i, o);
                Assert.AreEqual(SupplicantPaeState.Authenticating, s.State, "request " + i.ToString());
            }
            Assert.AreEqual(1 + EapPeer.MaxRounds, o.FrameCount);
            s.OnFrame(FromSwitch(EapCode.Request, 200, EapType.Identity, null), 100, o);
            Assert.AreEqual(1 + EapPeer.MaxRounds, o.FrameCount, "no response to the 51st");
            Assert.AreEqual(SupplicantPaeState.Held, s.State);
            Expect.Contains(s.Summary, "more than 50 EAP-Requests without a decision", "diagnosis");
        }

        [TestMethod]
        public void LogoffSendsEapolLogoffAndUnauthorizes()
        {
            Outbox o = new Outbox();
            SupplicantPae s = ThroughMd5(o, EapolVectors.Md5Password);
            s.OnFrame(Vector(EapolVectors.Success), 20, o);
            Assert.IsTrue(s.PortAuthorized);
            s.Logoff(5000, o);
            Assert.AreEqual(SupplicantPaeState.Logoff, s.State);
            EapolFrame f = LastFrame(o);
            Assert.AreEqual(Eapol.TypeLogoff, f.PacketType);
            Expect.Bytes(Eapol.PaeGroupAddress(), f.Destination, "destination");
            Assert.AreEqual(0, f.Body.Length);
            Assert.IsFalse(s.PortAuthorized);
            Assert.AreEqual(Dot1xOutcome.LoggedOff, s.Outcome);
            int sent = o.FrameCount;
            s.Logoff(6000, o);
            s.OnDeadline(100000, o);
            Assert.AreEqual(sent, o.FrameCount, "one Logoff (logoffSent), nothing after");
        }

        [TestMethod]
        public void LogoffBeforeStartSendsNothing()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            s.Logoff(0, o);
            Assert.AreEqual(0, o.FrameCount);
        }

        [TestMethod]
        public void OtherMethodsAreNakedProposingMd5()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant(EapolVectors.Md5Password);
            s.Start(0, o);
            s.OnFrame(Vector(EapolVectors.RequestIdentity), 5, o);
            s.OnFrame(FromSwitch(EapCode.Request, 0x5d, EapType.Tls, new byte[] { 0x20 }), 6, o); // EAP-TLS Start
            EapPacket nak = LastEap(o);
            Assert.AreEqual(EapType.Nak, nak.Type);
            Assert.AreEqual(0x5d, nak.Identifier);
            Expect.Bytes(new byte[] { EapType.Md5Challenge }, nak.TypeData, "RFC 3748 §5.3.1 desired type");
            Expect.Contains(Notes(o), "asked for EAP-TLS (13)", "note");
            s.OnFrame(FromSwitch(EapCode.Failure, 0x5d, EapType.None, null), 7, o);
            Assert.AreEqual(SupplicantPaeState.Held, s.State);
            Assert.AreEqual("EAP-Failure after our Nak: the server wanted EAP-TLS (13) for identity 'md5user' and refused MD5-Challenge (dot1x.method); use the method the server's policy allows", s.Summary);
        }

        [TestMethod]
        public void ServerAcceptingTheNakContinuesWithMd5()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant(EapolVectors.Md5Password);
            s.Start(0, o);
            s.OnFrame(Vector(EapolVectors.RequestIdentity), 5, o);
            s.OnFrame(FromSwitch(EapCode.Request, 0x5b, EapType.Peap, new byte[] { 0x21 }), 6, o);
            Assert.AreEqual(EapType.Nak, LastEap(o).Type);
            s.OnFrame(Vector(EapolVectors.RequestMd5), 7, o);
            Expect.Bytes(Vector(EapolVectors.ResponseMd5).Body, LastFrame(o).Body, "MD5 after the Nak");
            s.OnFrame(Vector(EapolVectors.Success), 8, o);
            Assert.AreEqual(Dot1xOutcome.Authenticated, s.Outcome);
        }

        [TestMethod]
        public void ExpandedTypeGetsAnExpandedNak()
        {
            // RFC 3748 §5.3.2: Type 254, Vendor-Id 0, Vendor-Type 3, then the desired type in expanded form.
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            s.Start(0, o);
            s.OnFrame(Vector(EapolVectors.RequestIdentity), 5, o);
            EapPacket wsc = new EapPacket();
            wsc.Code = EapCode.Request;
            wsc.Identifier = 0x5d;
            wsc.Type = EapType.Expanded;
            wsc.VendorId = 0x372a;
            wsc.VendorType = 1;
            wsc.TypeData = new byte[] { 1, 0 };
            s.OnFrame(EapolFrame.ToPaeGroup(SwitchMac, Eapol.TypeEapPacket, wsc.Encode()), 6, o);
            EapPacket nak = LastEap(o);
            Assert.AreEqual(EapType.Expanded, nak.Type);
            Assert.AreEqual(0, nak.VendorId);
            Assert.AreEqual((uint)EapType.Nak, nak.VendorType);
            Expect.Bytes(new byte[] { 254, 0, 0, 0, 0, 0, 0, 4 }, nak.TypeData, "expanded MD5-Challenge");
        }

        [TestMethod]
        public void NotificationIsShownAndAnswered()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            s.Start(0, o);
            s.OnFrame(Vector(EapolVectors.RequestIdentity), 5, o);
            s.OnFrame(FromSwitch(EapCode.Request, 0x60, EapType.Notification, Ascii.GetBytes("Password expires in 3 days\u001b[2J")), 6, o);
            EapPacket r = LastEap(o);
            Assert.AreEqual(EapType.Notification, r.Type);
            Assert.AreEqual(0x60, r.Identifier);
            Assert.AreEqual(0, r.TypeData.Length, "RFC 3748 §5.2: the Response has no data");
            Expect.Contains(Notes(o), "EAP-Notification from the authenticator: \"Password expires in 3 days?[2J\"", "shown, escape neutralised");
        }

        [TestMethod]
        public void SilentAuthenticatorTimesOutAfter30SecondsAndStartsOver()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            s.Start(0, o);
            s.OnFrame(Vector(EapolVectors.RequestIdentity), 5, o);
            Assert.AreEqual(30005L, s.NextDeadlineMs);
            s.OnDeadline(30005, o);
            Assert.AreEqual(SupplicantPaeState.Connecting, s.State, "backend TIMEOUT, suppTimeout");
            Assert.AreEqual(Eapol.TypeStart, LastFrame(o).PacketType);
            Assert.AreEqual(Dot1xOutcome.TimedOut, s.Outcome);
            Expect.Contains(s.Summary, "no EAP packet from the authenticator for 30 s after our EAP-Response/Identity id 92", "diagnosis");
        }

        [TestMethod]
        public void ForeignFramesAreIgnored()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            s.Start(0, o);
            s.OnFrame(Decode(o.FrameAt(0)), 1, o); // our own Start, looped back by a packet socket
            EapolFrame otherSupplicant = Vector(EapolVectors.ResponseIdentity);
            s.OnFrame(otherSupplicant, 2, o);
            EapolFrame key = EapolFrame.ToPaeGroup(SwitchMac, Eapol.TypeKey, new byte[] { 1, 2, 3 });
            s.OnFrame(key, 3, o);
            EapolFrame unicastElsewhere = FromSwitch(EapCode.Request, 1, EapType.Identity, null);
            unicastElsewhere.Destination[0] = 0x02;
            s.OnFrame(unicastElsewhere, 4, o);
            EapolFrame badEap = EapolFrame.ToPaeGroup(SwitchMac, Eapol.TypeEapPacket, new byte[] { 1, 1, 0, 40 });
            s.OnFrame(badEap, 5, o);
            Assert.AreEqual(1, o.FrameCount, "only the Start");
            Assert.AreEqual(SupplicantPaeState.Connecting, s.State);
            Assert.AreEqual(4, s.IgnoredCount);
            Assert.AreEqual(1, s.MalformedCount);
            // A request to our own MAC (not the group address) is taken.
            EapolFrame unicast = FromSwitch(EapCode.Request, 1, EapType.Identity, null);
            System.Array.Copy(PhoneMac, unicast.Destination, 6);
            s.OnFrame(unicast, 6, o);
            Assert.AreEqual(2, o.FrameCount);
        }

        [TestMethod]
        public void ReauthenticationKeepsThePortUntilDecided()
        {
            Outbox o = new Outbox();
            SupplicantPae s = ThroughMd5(o, EapolVectors.Md5Password);
            s.OnFrame(Vector(EapolVectors.Success), 20, o);
            s.OnFrame(FromSwitch(EapCode.Request, 0x01, EapType.Identity, null), 3600000, o);
            Assert.AreEqual(SupplicantPaeState.Authenticating, s.State);
            Assert.IsTrue(s.PortAuthorized, "still authorized while re-authenticating");
            s.OnFrame(FromSwitch(EapCode.Request, 0x02, EapType.Md5Challenge, Hex.TryParse("10" + EapolVectors.Md5Challenge)), 3600001, o);
            s.OnFrame(FromSwitch(EapCode.Success, 0x02, EapType.None, null), 3600002, o);
            Assert.AreEqual(SupplicantPaeState.Authenticated, s.State);
            Assert.AreEqual(Dot1xOutcome.Authenticated, s.Outcome);
            Assert.AreEqual(2L, s.OutcomeElapsedMs, "timed from the re-authentication's first request");
        }

        [TestMethod]
        public void LinkDownDisconnectsAndLinkUpStartsAgain()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            s.Start(0, o);
            s.SetPortEnabled(false, 100, o);
            Assert.AreEqual(SupplicantPaeState.Disconnected, s.State);
            Assert.AreEqual(EapPeerState.Disabled, s.Peer.State);
            Assert.AreEqual(Deadline.None, s.NextDeadlineMs);
            s.OnDeadline(90000, o);
            Assert.AreEqual(1, o.FrameCount, "no Starts while the link is down");
            s.SetPortEnabled(true, 95000, o);
            Assert.AreEqual(SupplicantPaeState.Connecting, s.State);
            Assert.AreEqual(2, o.FrameCount);
            Assert.AreEqual(1, s.StartCount);
        }

        [TestMethod]
        public void ForcedPortModesFollowPortControl()
        {
            Outbox o = new Outbox();
            SupplicantPae s = NewSupplicant("pw");
            s.Start(0, o);
            s.SetPortControl(PortControl.ForceUnauthorized, 10, o);
            Assert.AreEqual(SupplicantPaeState.SForceUnauth, s.State);
            Assert.AreEqual(Eapol.TypeLogoff, LastFrame(o).PacketType, "S_FORCE_UNAUTH sends a Logoff");
            Assert.IsFalse(s.PortAuthorized);
            s.SetPortControl(PortControl.ForceAuthorized, 20, o);
            Assert.AreEqual(SupplicantPaeState.SForceAuth, s.State);
            Assert.IsTrue(s.PortAuthorized);
            s.SetPortControl(PortControl.Auto, 30, o);
            Assert.AreEqual(SupplicantPaeState.Connecting, s.State, "DISCONNECTED, then CONNECTING");
            Assert.AreEqual(Eapol.TypeStart, LastFrame(o).PacketType);
            Expect.ThrowsArgument(delegate { s.SetPortControl(7, 40, o); }, "portControl");
        }
    }
}
