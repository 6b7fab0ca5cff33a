#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Eap
{
    /// <summary>The 802.1X boot step inside the agent loop (factory, frame port, boot order) on
    /// virtual time, with the test playing the switch through a scripted frame port.</summary>
    [TestClass]
    public class Dot1xStepTests
    {
        internal const string ConfigWithoutPassword =
            "device.mac = 02:00:5e:10:00:01\n" +
            "dot1x.enabled = true\n" +
            "dot1x.method = md5\n" +
            "dot1x.identity = md5user\n" +
            "dhcp.inform = false\n";
        internal const string Config = ConfigWithoutPassword + "dot1x.password = md5pass\n";

        internal sealed class Rig
        {
            public readonly VirtualClock Clock = new VirtualClock();
            public readonly ScriptedNetwork Net = new ScriptedNetwork(SupplicantPaeTests.PhoneMac);
            public readonly RecordingSink Sink = new RecordingSink();
            public readonly AgentLoop Loop;

            public Rig(string config, bool noFrames) : this(config, noFrames, null) { }

            public Rig(string config, bool noFrames, PhoneAgent.Core.Ports.ITlsTunnelPort tunnel)
            {
                Net.NoFrames = noFrames;
                AgentPorts p = new AgentPorts();
                p.Clock = Clock;
                p.Network = Net;
                p.Random = new SeededRandom(5);
                p.Events = Sink;
                p.TlsTunnel = tunnel;
                AgentConfig c = AgentConfig.Parse(config);
                Assert.IsFalse(c.HasErrors, "config");
                Loop = PhoneAgentFactory.Create(c, p);
            }

            public void Settle() { while (Loop.Turn()) { } }

            public void FromSwitch(string hex)
            {
                Net.Frames.Inject(Hex.TryParse(hex));
                Settle();
            }

            public void RunUntil(long untilMs)
            {
                for (int guard = 0; guard < 1000; guard++)
                {
                    Settle();
                    long next = Loop.NextDeadlineMs;
                    if (next > untilMs) { Clock.AdvanceTo(untilMs); Settle(); return; }
                    Clock.AdvanceTo(next < Clock.NowMs ? Clock.NowMs : next);
                }
                Assert.IsTrue(false, "loop did not settle");
            }
        }

        [TestMethod]
        public void Dot1xRunsBetweenLinkAndDhcp()
        {
            Rig r = new Rig(Config, false);
            Assert.AreEqual("link", r.Loop.Boot.StepAt(0).Name);
            Assert.AreEqual("802.1x", r.Loop.Boot.StepAt(1).Name);
            Assert.AreEqual("dhcp", r.Loop.Boot.StepAt(2).Name);
            r.Settle();
            Assert.AreEqual(1, r.Net.Frames.SentCount, "EAPOL-Start");
            Assert.AreEqual(0, r.Net.SentCount, "no DHCP before the port is authorized");
            r.FromSwitch(EapolVectors.RequestIdentity);
            r.FromSwitch(EapolVectors.RequestMd5);
            Assert.AreEqual(3, r.Net.Frames.SentCount);
            Expect.Bytes(SupplicantPaeTests.Decode(Hex.TryParse(EapolVectors.ResponseMd5)).Body,
                SupplicantPaeTests.Decode(r.Net.Frames.SentAt(2)).Body, "MD5 response through the loop");
            r.FromSwitch(EapolVectors.Success);
            BootStep step = r.Loop.Boot.StepAt(1);
            Assert.AreEqual(BootStep.Done, step.Status);
            Assert.AreEqual("802.1X: authorized", step.DisplayLine);
            Assert.AreEqual(1, r.Net.SentCount, "DHCPDISCOVER once authorized");
            Assert.IsFalse(r.Sink.All().IndexOf("md5pass") >= 0, "the password is in no event");
        }

        [TestMethod]
        public void ShutdownSendsEapolLogoff()
        {
            Rig r = new Rig(Config, false);
            r.Settle();
            r.FromSwitch(EapolVectors.RequestIdentity);
            r.FromSwitch(EapolVectors.RequestMd5);
            r.FromSwitch(EapolVectors.Success);
            r.Loop.Shutdown();
            byte[] last = r.Net.Frames.SentAt(r.Net.Frames.SentCount - 1);
            Assert.AreEqual(Eapol.TypeLogoff, SupplicantPaeTests.Decode(last).PacketType);
            Assert.IsTrue(r.Net.Frames.Closed, "frame port closed at shutdown");
        }

        [TestMethod]
        public void NoAuthenticatorLetsTheBootGoOnWithAWarning()
        {
            Rig r = new Rig(Config, false);
            r.RunUntil(89999);
            Assert.AreEqual(BootStep.Running, r.Loop.Boot.StepAt(1).Status);
            Assert.AreEqual(3, r.Net.Frames.SentCount);
            r.RunUntil(90000);
            BootStep step = r.Loop.Boot.StepAt(1);
            Assert.AreEqual(BootStep.Warning, step.Status);
            Assert.AreEqual("no EAPOL from the switch after 3 EAPOL-Starts in 90 s: port not 802.1X-controlled, continuing", step.Summary);
            Assert.AreEqual(BootStep.Running, r.Loop.Boot.StepAt(2).Status, "DHCP started");
            Assert.IsTrue(r.Net.SentCount >= 1);
        }

        [TestMethod]
        public void RefusalStopsTheBootWithTheDiagnosis()
        {
            Rig r = new Rig(ConfigWithoutPassword + "dot1x.password = wrong\n", false);
            r.Settle();
            r.FromSwitch(EapolVectors.RequestIdentity);
            r.FromSwitch(EapolVectors.RequestMd5);
            r.FromSwitch("0180c20000037a2f5a2aeef1888e02000004045d0004"); // EAP-Failure id 0x5d
            Assert.IsTrue(r.Loop.Boot.Halted);
            Assert.AreEqual("EAP-Failure after MD5-Challenge: the RADIUS server refused identity 'md5user' (wrong password?)", r.Loop.Boot.FailedStep.Summary);
            Assert.AreEqual("802.1X: REFUSED", r.Loop.Boot.FailedStep.DisplayLine);
            Assert.AreEqual(0, r.Net.SentCount, "no DHCP");
            Assert.IsTrue(r.Sink.Any("stopped at step 2 (802.1x)"));
        }

        [TestMethod]
        public void PlatformWithoutFramesFailsTheStepWithTheReason()
        {
            Rig r = new Rig(Config, true);
            r.Settle();
            Assert.IsTrue(r.Loop.Boot.Halted);
            Expect.Contains(r.Loop.Boot.FailedStep.Summary, "CAP_NET_RAW", "reason");
        }

        [TestMethod]
        public void TlsMethodsWithoutATlsTunnelPortFailTheStepWithTheReason()
        {
            Assert.AreEqual(0, AgentConfig.Parse("dot1x.method = peap\n").ProblemCount, "peap is in this build");
            Assert.AreEqual(0, AgentConfig.Parse("dot1x.method = tls\n").ProblemCount, "tls is in this build");
            Assert.IsTrue(AgentConfig.Parse("dot1x.method = leap\n").HasErrors, "unknown method");
            Rig r = new Rig("dot1x.enabled = true\ndot1x.method = peap\ndot1x.password = x\n", false);
            r.Settle();
            Expect.Contains(r.Loop.Boot.FailedStep.Summary, "dot1x.method = peap needs TLS inside EAP", "peap");
            // tls (the default) needs a TLS-inside-EAP port the platform gives; this rig has none.
            r = new Rig("dot1x.enabled = true\n", false);
            r.Settle();
            Expect.Contains(r.Loop.Boot.FailedStep.Summary, "dot1x.method = tls needs TLS inside EAP, which this platform does not offer", "default tls");
        }

        private const string PeapConfig =
            "device.mac = 02:00:5e:10:00:01\n" +
            "dot1x.enabled = true\n" +
            "dot1x.method = peap\n" +
            "dot1x.identity = peapuser\n" +
            "dot1x.anonymousIdentity = anonymous\n" +
            "dot1x.serverName = radius.lab.test\n" +
            "dot1x.password = peappass\n" +
            "dhcp.inform = false\n";

        [TestMethod]
        public void PeapKeysBuildPeapWithMsChapV2()
        {
            AgentConfig c = AgentConfig.Parse(PeapConfig);
            Assert.AreEqual(0, c.ProblemCount, "peap is in this build: no warning");
            Assert.AreEqual("(set)", c.Describe(ConfigKeys.Dot1xPassword));
            FakeTlsTunnelPort port = new FakeTlsTunnelPort();
            Rig r = new Rig(PeapConfig, false, port);
            r.Settle();
            Dot1xStep step = (Dot1xStep)r.Loop.Boot.StepAt(1);
            Assert.AreEqual("PEAP", step.Supplicant.Peer.Method.Name);
            Assert.AreEqual("anonymous", step.Supplicant.Peer.Identity, "the outer identity");
            Expect.Contains(step.Summary, "authenticating as 'anonymous' with PEAP", "summary");
            // The server's Start opens the tunnel for the configured name.
            r.FromSwitch(EapolVectors.RequestIdentity);
            EapPacket start = new EapPacket();
            start.Code = EapCode.Request;
            start.Identifier = 0x5e;
            start.Type = EapType.Peap;
            start.TypeData = new byte[] { 0x21 };
            r.Net.Frames.Inject(EapolFrame.ToPaeGroup(SupplicantPaeTests.SwitchMac, Eapol.TypeEapPacket, start.Encode()).Encode());
            r.Settle();
            Assert.AreEqual("radius.lab.test", port.LastServerName);
            Assert.AreEqual(1, port.Opened);
        }

        [TestMethod]
        public void PeapWithoutATunnelPortFailsTheStepWithTheReason()
        {
            Rig r = new Rig(PeapConfig, false, null);
            r.Settle();
            Assert.IsTrue(r.Loop.Boot.Halted);
            Expect.Contains(r.Loop.Boot.FailedStep.Summary, "dot1x.method = peap needs TLS inside EAP", "reason");
        }

        [TestMethod]
        public void Dot1xKeysAreUsedAndThePasswordStaysSecret()
        {
            AgentConfig c = AgentConfig.Parse("dot1x.enabled = true\ndot1x.method = md5\ndot1x.identity = p1\ndot1x.password = s3cret-pw\n");
            Assert.AreEqual(0, c.ProblemCount, "no longer reserved");
            Assert.AreEqual("(set)", c.Describe(ConfigKeys.Dot1xPassword));
        }

        [TestMethod]
        public void MutatedFramesThroughTheStepNeverThrow()
        {
            Rig r = new Rig(Config, false);
            r.Settle();
            SeededRandom rnd = new SeededRandom(99);
            for (int v = 0; v < EapolVectors.All.Length; v++)
            {
                byte[] wire = Hex.TryParse(EapolVectors.All[v]);
                for (int i = 0; i < 200; i++)
                {
                    byte[] m = new byte[wire.Length];
                    System.Array.Copy(wire, m, wire.Length);
                    for (int k = 0; k < 3; k++)
                    {
                        int at = 14 + rnd.Next(m.Length - 14); // keep the Ethernet header mostly intact, so the machines see them
                        m[at] = (byte)rnd.Next(256);
                    }
                    r.Net.Frames.Inject(m);
                    r.Settle();
                }
            }
            Assert.IsTrue(r.Net.Frames.SentCount > 1, "some mutated requests were answered");
        }
    }
}
