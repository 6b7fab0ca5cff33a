#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Net;

namespace PhoneAgent.Core.Tests.Eap
{
    /// <summary>Proxy EAPOL-Logoff: the phone watches the PC's EAPOL conversation through the
    /// PC port and, when the PC's link drops after it authenticated, logs it off from its MAC.</summary>
    [TestClass]
    public class PcPortProxyTests
    {
        private static readonly byte[] PcMac = new byte[] { 0x02, 0x00, 0x5e, 0x20, 0x00, 0x07 };
        private static readonly byte[] PhoneMac = SupplicantPaeTests.PhoneMac;

        private static byte[] FromPc(int packetType, int code, int id, int type)
        {
            byte[] body = null;
            if (packetType == Eapol.TypeEapPacket)
            {
                EapPacket p = new EapPacket();
                p.Code = code;
                p.Identifier = id;
                p.Type = type;
                p.TypeData = new byte[] { (byte)'p', (byte)'c' };
                body = p.Encode();
            }
            return EapolFrame.ToPaeGroup(PcMac, packetType, body).Encode();
        }

        private static byte[] FromSwitch(int code, int id, byte[] destination)
        {
            EapolFrame f = SupplicantPaeTests.FromSwitch(code, id, EapType.None, null);
            if (destination != null) System.Array.Copy(destination, f.Destination, 6);
            return f.Encode();
        }

        private static PcPortProxy Authenticated(Outbox o, byte[] successDestination)
        {
            PcPortProxy x = new PcPortProxy(PhoneMac);
            byte[] start = FromPc(Eapol.TypeStart, 0, 0, 0);
            x.OnFrameFromPc(start, start.Length, o);
            byte[] identity = FromPc(Eapol.TypeEapPacket, EapCode.Response, 7, EapType.Identity);
            x.OnFrameFromPc(identity, identity.Length, o);
            byte[] md5 = FromPc(Eapol.TypeEapPacket, EapCode.Response, 8, EapType.Md5Challenge);
            x.OnFrameFromPc(md5, md5.Length, o);
            Assert.AreEqual(PcPortProxy.PcAuthenticating, x.State);
            byte[] success = FromSwitch(EapCode.Success, 8, successDestination);
            x.OnFrameFromSwitch(success, success.Length, o);
            return x;
        }

        [TestMethod]
        public void LinkDownAfterTheSuccessSendsLogoffFromThePcsMac()
        {
            Outbox o = new Outbox();
            PcPortProxy x = Authenticated(o, null);
            Assert.AreEqual(PcPortProxy.PcAuthenticated, x.State, "EAP-Success to the group address answering the PC's Response");
            x.OnPcLink(true, o);
            Assert.AreEqual(0, o.FrameCount, "link up sends nothing");
            x.OnPcLink(false, o);
            Assert.AreEqual(1, o.FrameCount);
            EapolFrame f = SupplicantPaeTests.Decode(o.FrameAt(0));
            Assert.AreEqual(Eapol.TypeLogoff, f.PacketType);
            Assert.AreEqual(0, f.Body.Length);
            Assert.AreEqual("02:00:5e:20:00:07", Mac.Format(f.Source), "the PC's MAC, not the phone's");
            Assert.IsTrue(Eapol.IsPaeGroup(f.Destination, 0));
            Assert.AreEqual(PcPortProxy.NoPc, x.State);
            x.OnPcLink(false, o);
            Assert.AreEqual(1, o.FrameCount, "one Logoff per session");
        }

        [TestMethod]
        public void AUnicastSuccessToThePcCountsOneToAnotherStationDoesNot()
        {
            Outbox o = new Outbox();
            PcPortProxy toPc = Authenticated(o, PcMac);
            Assert.AreEqual(PcPortProxy.PcAuthenticated, toPc.State);
            PcPortProxy toPhone = Authenticated(o, PhoneMac);
            Assert.AreEqual(PcPortProxy.PcAuthenticating, toPhone.State, "the phone's own Success is not the PC's");
        }

        [TestMethod]
        public void ASuccessWithAnotherIdentifierIsNotThePcs()
        {
            Outbox o = new Outbox();
            PcPortProxy x = new PcPortProxy(PhoneMac);
            byte[] r = FromPc(Eapol.TypeEapPacket, EapCode.Response, 8, EapType.Md5Challenge);
            x.OnFrameFromPc(r, r.Length, o);
            byte[] s = FromSwitch(EapCode.Success, 9, null);
            x.OnFrameFromSwitch(s, s.Length, o);
            Assert.AreEqual(PcPortProxy.PcAuthenticating, x.State);
        }

        [TestMethod]
        public void FailureOrThePcsOwnLogoffLeaveNothingToProxy()
        {
            Outbox o = new Outbox();
            PcPortProxy refused = new PcPortProxy(PhoneMac);
            byte[] r = FromPc(Eapol.TypeEapPacket, EapCode.Response, 3, EapType.Md5Challenge);
            refused.OnFrameFromPc(r, r.Length, o);
            byte[] fail = FromSwitch(EapCode.Failure, 3, null);
            refused.OnFrameFromSwitch(fail, fail.Length, o);
            Assert.AreEqual(PcPortProxy.NoPc, refused.State);
            refused.OnPcLink(false, o);

            PcPortProxy loggedOff = Authenticated(o, null);
            byte[] logoff = FromPc(Eapol.TypeLogoff, 0, 0, 0);
            loggedOff.OnFrameFromPc(logoff, logoff.Length, o);
            Assert.AreEqual(PcPortProxy.NoPc, loggedOff.State);
            loggedOff.OnPcLink(false, o);
            Assert.AreEqual(0, o.FrameCount);
        }

        [TestMethod]
        public void MalformedAndForeignFramesAreIgnored()
        {
            Outbox o = new Outbox();
            PcPortProxy x = Authenticated(o, null);
            byte[] good = FromPc(Eapol.TypeLogoff, 0, 0, 0);
            for (int n = 0; n < good.Length; n++) x.OnFrameFromPc(good, n, o);   // every truncation
            x.OnFrameFromPc(null, 0, o);
            x.OnFrameFromPc(good, good.Length + 5, o);
            Assert.AreEqual(PcPortProxy.PcAuthenticated, x.State, "no truncated Logoff counts");
            byte[] fromPhone = EapolFrame.ToPaeGroup(PhoneMac, Eapol.TypeLogoff, null).Encode();
            x.OnFrameFromPc(fromPhone, fromPhone.Length, o);
            Assert.AreEqual(PcPortProxy.PcAuthenticated, x.State, "the phone's own frame is not the PC's");
            byte[] lying = FromSwitch(EapCode.Failure, 8, null);
            lying[17] = 200;   // EAPOL body length beyond the frame
            x.OnFrameFromSwitch(lying, lying.Length, o);
            Assert.AreEqual(PcPortProxy.PcAuthenticated, x.State);
        }
    }
}
