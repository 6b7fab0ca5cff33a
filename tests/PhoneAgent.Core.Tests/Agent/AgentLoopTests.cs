#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Store;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Agent
{
    /// <summary>The whole slice on virtual time: link, DHCP, address applied, display drawn.</summary>
    [TestClass]
    public class AgentLoopTests
    {
        private static readonly byte[] PhoneMac = new byte[] { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x02 };

        private sealed class CapturingDisplay : IDisplay
        {
            public int Frames;
            public int Width { get { return 128; } }
            public int Height { get { return 64; } }
            public void Show(byte[] pages) { Frames++; }
        }

        private sealed class Rig
        {
            public readonly VirtualClock Clock = new VirtualClock();
            public readonly ScriptedNetwork Net = new ScriptedNetwork(PhoneMac);
            public readonly RecordingSink Sink = new RecordingSink();
            public readonly CapturingDisplay Display = new CapturingDisplay();
            public readonly AgentLoop Loop;

            public Rig(string config) : this(config, false) { }

            public Rig(string config, bool platformDhcp) : this(config, platformDhcp, null, null) { }

            public Rig(string config, bool platformDhcp, IStore store, IAddressConflictDetector conflicts)
            {
                Net.PlatformDhcp = platformDhcp;
                AgentPorts p = new AgentPorts();
                p.Clock = Clock;
                p.Network = Net;
                p.Random = new SeededRandom(3);
                p.Events = Sink;
                p.Display = Display;
                p.Store = store;
                p.Conflicts = conflicts;
                // SNTP has its own tests; these rigs script DHCP only.
                if (config.IndexOf("sntp.") < 0) config = "sntp.enabled = false\n" + config;
                Loop = PhoneAgentFactory.Create(AgentConfig.Parse(config), p);
            }

            /// <summary>Turns until idle, then jumps to the next deadline, up to untilMs.</summary>
            public void RunUntil(long untilMs)
            {
                for (int guard = 0; guard < 10000; guard++)
                {
                    while (Loop.Turn()) { }
                    long next = Loop.NextDeadlineMs;
                    if (next > untilMs) { Clock.AdvanceTo(untilMs); Loop.Turn(); return; }
                    Clock.AdvanceTo(next < Clock.NowMs ? Clock.NowMs : next);
                }
                Assert.IsTrue(false, "loop did not settle");
            }

            /// <summary>DISCOVER, OFFER, REQUEST, ACK: bound at 30 ms.</summary>
            public void Lease()
            {
                RunUntil(10);
                Answer(DhcpMessageType.Offer);
                RunUntil(20);
                Answer(DhcpMessageType.Ack);
                RunUntil(30);
            }

            public DhcpMessage LastDhcp()
            {
                SentDatagram d = Net.LastSent;
                DhcpMessage m;
                string reason;
                Assert.IsTrue(DhcpCodec.TryDecode(d.Data, 0, d.Data.Length, out m, out reason));
                return m;
            }

            public void Answer(int type)
            {
                DhcpMessage q = LastDhcp();
                DhcpMessage m = new DhcpMessage();
                m.Op = DhcpMessage.OpReply;
                m.Xid = q.Xid;
                System.Array.Copy(q.ChAddr, m.ChAddr, 16);
                m.YiAddr = 0x0a4d0065;
                m.SetByte(DhcpOption.MessageType, type);
                m.SetUInt32(DhcpOption.ServerIdentifier, 0x0a4d0001);
                m.SetUInt32(DhcpOption.LeaseTime, 600);
                m.SetUInt32(DhcpOption.SubnetMask, 0xffffff00);
                Net.Inject(68, 0x0a4d0001, 67, DhcpCodec.Encode(m));
            }
        }

        [TestMethod]
        public void BootsToALeaseAndShowsIt()
        {
            Rig r = new Rig("device.name = desk-2\ndhcp.inform = false\n");
            r.Net.Link = false;
            r.RunUntil(11000);
            Assert.IsTrue(r.Sink.Any("no Ethernet link"), "a missing link is reported");
            Assert.AreEqual(0, r.Net.SentCount);
            r.Net.Link = true;
            r.RunUntil(11500);
            Assert.AreEqual(DhcpMessageType.Discover, r.LastDhcp().MessageType);
            r.Answer(DhcpMessageType.Offer);
            r.RunUntil(11600);
            Assert.AreEqual(DhcpMessageType.Request, r.LastDhcp().MessageType);
            r.Answer(DhcpMessageType.Ack);
            r.RunUntil(11700);
            Assert.IsTrue(r.Loop.Boot.IsComplete, r.Sink.All());
            Assert.AreEqual(0x0a4d0065u, r.Net.AppliedAddress);
            Assert.AreEqual("IP 10.77.0.101/24", r.Loop.Screen.LineAt(2));
            Assert.AreEqual("Ready", r.Loop.Screen.LineAt(7));
            Assert.IsTrue(r.Display.Frames >= 3);
        }

        [TestMethod]
        public void DhcpKeepsRenewingAfterBoot()
        {
            Rig r = new Rig("dhcp.inform = false\n");
            r.Lease();
            int sent = r.Net.SentCount;
            r.RunUntil(30 + 300000); // T1 of a 600 s lease
            Assert.IsTrue(r.Net.SentCount > sent, "a renewal is sent at T1");
            Assert.AreEqual(0x0a4d0001u, r.Net.LastSent.Address); // unicast to the server
        }

        [TestMethod]
        public void StaticAddressSkipsDhcp()
        {
            Rig r = new Rig("net.dhcp = false\nnet.address = 10.77.0.2/24\ndhcp.inform = false\n");
            r.RunUntil(100);
            Assert.IsTrue(r.Loop.Boot.IsComplete);
            Assert.AreEqual(0x0a4d0002u, r.Net.AppliedAddress);
            Assert.AreEqual(0, r.Net.SentCount);
        }

        [TestMethod]
        public void StaticWithoutAddressFailsAndSaysWhy()
        {
            Rig r = new Rig("net.dhcp = false\n");
            r.RunUntil(100);
            Assert.IsTrue(r.Loop.Boot.Halted);
            Assert.IsTrue(r.Sink.Any("net.address is not set"));
            Assert.AreEqual("FAIL: address", r.Loop.Screen.LineAt(7));
        }

        [TestMethod]
        public void PlatformOwnedDhcpIsWaitedForAndReported()
        {
            Rig p = new Rig("dhcp.inform = false\n", true);
            p.RunUntil(1000);
            Assert.IsFalse(p.Loop.Boot.IsComplete);
            Assert.AreEqual(0, p.Net.SentCount); // the agent runs no DHCP client of its own
            p.Net.PlatformAddress = 0x0a4d0070;
            p.RunUntil(1500);
            Assert.IsTrue(p.Loop.Boot.IsComplete);
            Assert.IsTrue(p.Sink.Any("platform DHCP lease 10.77.0.112/24"));
        }

        [TestMethod]
        public void InformFollowsTheLeaseAndTheBlockedAckIsDiagnosed()
        {
            Rig r = new Rig("dhcp.option43.override.stsUri = https://fallback.lab.test/CertProv/CertProvisioningService.svc\n");
            r.RunUntil(10);
            r.Answer(DhcpMessageType.Offer);
            r.RunUntil(20);
            r.Answer(DhcpMessageType.Ack);
            r.RunUntil(30);
            DhcpMessage inform = r.LastDhcp();
            Assert.AreEqual(DhcpMessageType.Inform, inform.MessageType);
            Assert.AreEqual(0x0a4d0065u, inform.CiAddr);
            // No answer: the ACK is "dropped by a firewall". About 60 s later the step finishes.
            r.RunUntil(70000);
            Assert.IsTrue(r.Loop.Boot.IsComplete, r.Sink.All());
            Assert.AreEqual(1, r.Loop.Boot.WarningCount);
            Assert.IsTrue(r.Sink.Any("travels unicast from 10.77.0.1 UDP 67 to 10.77.0.101 UDP 68"), r.Sink.All());
            Assert.IsTrue(r.Sink.Any("(from configuration key dhcp.option43.override.stsUri)"), r.Sink.All());
            Assert.AreEqual("Prov: override", r.Loop.Screen.LineAt(3));
            Assert.AreEqual("Ready (1 warning)", r.Loop.Screen.LineAt(7));
        }

        private sealed class FixedConflicts : IAddressConflictDetector
        {
            public uint InUse;
            public bool IsInUse(uint address) { return address == InUse; }
        }

        [TestMethod]
        public void TheLastAddressIsRememberedForInitReboot()
        {
            ImageStore store = new ImageStore(new MemoryMedia());
            Rig first = new Rig("dhcp.inform = false\n", false, store, null);
            first.RunUntil(10);
            first.Answer(DhcpMessageType.Offer);
            first.RunUntil(20);
            first.Answer(DhcpMessageType.Ack);
            first.RunUntil(30);
            Assert.IsNotNull(store.Read(DhcpStep.StoreKey));
            first.Loop.Shutdown();
            Assert.AreEqual(DhcpMessageType.Release, first.LastDhcp().MessageType);
            Assert.AreEqual(0u, first.Net.AppliedAddress);

            Rig second = new Rig("dhcp.inform = false\n", false, store, null);
            second.RunUntil(10);
            DhcpMessage req = second.LastDhcp();
            Assert.AreEqual(DhcpMessageType.Request, req.MessageType);
            uint v;
            Assert.IsTrue(req.TryGetUInt32(DhcpOption.RequestedAddress, out v));
            Assert.AreEqual(0x0a4d0065u, v);
            second.Answer(DhcpMessageType.Ack);
            second.RunUntil(20);
            Assert.IsTrue(second.Loop.Boot.IsComplete);
            Assert.IsTrue(second.Sink.Any("kept after reboot"));
        }

        [TestMethod]
        public void AnAddressInUseIsDeclined()
        {
            FixedConflicts conflicts = new FixedConflicts();
            conflicts.InUse = 0x0a4d0065;
            Rig r = new Rig("dhcp.inform = false\n", false, null, conflicts);
            r.RunUntil(10);
            r.Answer(DhcpMessageType.Offer);
            r.RunUntil(20);
            r.Answer(DhcpMessageType.Ack);
            r.RunUntil(30);
            Assert.AreEqual(DhcpMessageType.Decline, r.LastDhcp().MessageType);
            Assert.IsFalse(r.Loop.Boot.IsComplete);
            Assert.AreEqual(0, r.Net.ApplyCount, "a declined address is never configured");
            Assert.IsTrue(r.Sink.Any("already used by another host"));
            r.RunUntil(10100);
            Assert.AreEqual(DhcpMessageType.Discover, r.LastDhcp().MessageType);
        }

        [TestMethod]
        public void ConfigWithErrorsIsRefused()
        {
            AgentPorts p = new AgentPorts();
            p.Clock = new VirtualClock();
            p.Network = new ScriptedNetwork(PhoneMac);
            p.Random = new SeededRandom(1);
            p.Events = new RecordingSink();
            Expect.ThrowsArgument(delegate { PhoneAgentFactory.Create(AgentConfig.Parse("bogus = 1"), p); }, "config errors");
        }

        [TestMethod]
        public void LinkBackAfterAnOutageVerifiesTheLeaseWithInitReboot()
        {
            Rig r = new Rig("dhcp.inform = false\n");
            r.Lease();
            Assert.IsTrue(r.Loop.Boot.IsComplete);
            int sent = r.Net.SentCount;
            r.Net.Link = false;
            r.RunUntil(1000);
            Assert.IsTrue(r.Sink.Any("link down on test0"), r.Sink.All());
            Assert.AreEqual(sent, r.Net.SentCount, "nothing is sent while the link is down");
            r.Net.Link = true;
            r.RunUntil(2000);
            Assert.IsTrue(r.Sink.Any("link up again on test0"));
            DhcpMessage m = r.LastDhcp();
            Assert.AreEqual(DhcpMessageType.Request, m.MessageType, "INIT-REBOOT sends DHCPREQUEST");
            Assert.AreEqual(0u, m.CiAddr, "ciaddr 0 in INIT-REBOOT (RFC 2131 §4.3.2)");
            Expect.Bytes(new byte[] { 10, 77, 0, 101 }, m.Get(DhcpOption.RequestedAddress), "asks for the address it has");
            r.Answer(DhcpMessageType.Ack);
            r.RunUntil(2100);
            Assert.AreEqual(0x0a4d0065u, r.Net.AppliedAddress);
            Assert.IsTrue(r.Sink.Any("kept after reboot"), r.Sink.All());
        }
    }
}
