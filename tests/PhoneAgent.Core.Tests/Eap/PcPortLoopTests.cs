#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Eap
{
    /// <summary>The agent loop with a PC port: EAPOL passes both ways unchanged, and the PC's
    /// unplug after its EAP-Success becomes an EAPOL-Logoff from its MAC on the uplink.</summary>
    [TestClass]
    public class PcPortLoopTests
    {
        private static readonly byte[] PcMac = new byte[] { 0x02, 0x00, 0x5e, 0x20, 0x00, 0x09 };

        private static byte[] FromPc(int packetType, int id, int type)
        {
            byte[] body = null;
            if (packetType == Eapol.TypeEapPacket)
            {
                EapPacket p = new EapPacket();
                p.Code = EapCode.Response;
                p.Identifier = id;
                p.Type = type;
                p.TypeData = new byte[] { 1, 2, 3 };
                body = p.Encode();
            }
            return EapolFrame.ToPaeGroup(PcMac, packetType, body).Encode();
        }

        [TestMethod]
        public void PassThroughAndProxyLogoff()
        {
            VirtualClock clock = new VirtualClock();
            ScriptedNetwork net = new ScriptedNetwork(SupplicantPaeTests.PhoneMac);
            ScriptedPcPort pc = new ScriptedPcPort();
            AgentPorts p = new AgentPorts();
            p.Clock = clock;
            p.Network = net;
            p.Random = new SeededRandom(2);
            p.Events = new RecordingSink();
            p.PcPort = pc;
            AgentLoop loop = PhoneAgentFactory.Create(AgentConfig.Parse("dhcp.inform = false\nsntp.enabled = false\n"), p);
            while (loop.Turn()) { }
            Assert.IsNotNull(net.Frames, "the uplink EAPOL port is opened for pass-through without 802.1X of its own");

            byte[] start = FromPc(Eapol.TypeStart, 0, 0);
            pc.Inject(start);
            pc.Inject(FromPc(Eapol.TypeEapPacket, 7, EapType.Identity));
            pc.Inject(FromPc(Eapol.TypeEapPacket, 8, EapType.Md5Challenge));
            while (loop.Turn()) { }
            Assert.AreEqual(3, net.Frames.SentCount, "the PC's frames go to the switch");
            Expect.Bytes(start, net.Frames.SentAt(0), "unchanged");

            byte[] success = SupplicantPaeTests.FromSwitch(EapCode.Success, 8, EapType.None, null).Encode();
            net.Frames.Inject(success);
            while (loop.Turn()) { }
            Assert.AreEqual(1, pc.SentCount, "the switch's frame reaches the PC");
            Expect.Bytes(success, pc.SentAt(0), "unchanged");
            Assert.AreEqual(PcPortProxy.PcAuthenticated, loop.PcProxy.State);

            pc.Link = false;
            clock.AdvanceTo(clock.NowMs + 150);
            while (loop.Turn()) { }
            Assert.AreEqual(4, net.Frames.SentCount);
            EapolFrame logoff = SupplicantPaeTests.Decode(net.Frames.SentAt(3));
            Assert.AreEqual(Eapol.TypeLogoff, logoff.PacketType);
            Assert.AreEqual(Mac.Format(PcMac), Mac.Format(logoff.Source));
        }
    }
}
