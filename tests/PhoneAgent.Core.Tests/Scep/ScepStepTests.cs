#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Config;
using PhoneAgent.Core.Credentials;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Scep;
using PhoneAgent.Core.Sntp;
using PhoneAgent.Core.Store;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.X509;

namespace PhoneAgent.Core.Tests.Scep
{
    /// <summary>The LSC boot step on virtual time against the emulated CA behind HTTP on scripted
    /// TCP connections (Support/ScepHttpPeer), through the core's HttpFetch: enroll when none is
    /// installed, keep a valid one, renew in the renewal share (at boot and at the deadline),
    /// PENDING as a warning with the CertPolls going on, failures as warnings with the diagnosis,
    /// and power cuts during the install.</summary>
    [TestClass]
    public class ScepStepTests
    {
        private const string Url = "http://10.77.0.1:8080/scep";
        private static readonly byte[] TheMac = new byte[] { 0x00, 0x16, 0x3E, 0x5A, 0x01, 0x02 };

        private sealed class FixedAddress : IAddressSource
        {
            public uint Address { get { return 0x0A4D0002; } }
            public DhcpLease Lease { get { return null; } }
            public string Origin { get { return "static"; } }
        }

        private sealed class Keys : IKeyPairSource
        {
            public int Made;
            public ScepKeyPair NewKeyPair(int bits)
            {
                Made++;
                return Made % 2 == 1 ? TestRsaKeys.Phone1 : TestRsaKeys.Phone2;
            }
        }

        private sealed class Rig
        {
            public readonly ScepTestCa Ca = new ScepTestCa(false);
            public readonly ScepHttpPeer Peer;
            public readonly VirtualClock Clock = new VirtualClock();
            public readonly SyncedWallClock Wall;
            public MemoryMedia Media = new MemoryMedia();
            public readonly Outbox Out = new Outbox();
            public readonly Keys KeySource = new Keys();
            public readonly RecordingNotes Notes = new RecordingNotes();
            public ScepSettings Settings;
            public ScepStep Step;

            public Rig()
            {
                Peer = new ScepHttpPeer(Ca);
                Wall = new SyncedWallClock(Clock);
                Clock.AdvanceTo(5000);
                Wall.Set(ScepTestCa.Now);
                Settings = Settings2(Ca.Pin, "s3cret");
            }

            public CredentialStore Store { get { return new CredentialStore(new ImageStore(Media)); } }

            public ScepStep NewStep()
            {
                Step = new ScepStep(Settings, null, 20, Store, new FixedAddress(), 0, Wall, Peer, new SeededRandom(3), KeySource);
                return Step;
            }

            /// <summary>Starts the step and fires its deadlines until it is no longer running (bounded).</summary>
            public void Boot()
            {
                NewStep();
                Peer.NowMs = Clock.NowMs;
                Step.Start(Clock.NowMs, Out);
                Settle();
            }

            public void Settle()
            {
                for (int guard = 0; guard < 10000 && Step.Status == BootStep.Running; guard++) Fire();
                Drain();
            }

            /// <summary>Advances to the step's next deadline and fires it.</summary>
            public void Fire()
            {
                long d = Step.NextDeadlineMs;
                Assert.IsTrue(d != Deadline.None, "the step has no deadline while " + BootStep.StatusName(Step.Status));
                if (d > Clock.NowMs) Clock.AdvanceTo(d);
                Peer.NowMs = Clock.NowMs;
                Step.OnDeadline(Clock.NowMs, Out);
                Drain();
            }

            public void Drain()
            {
                for (int i = 0; i < Out.NoteCount; i++) Notes.Add(Out.NoteAt(i).Text);
                Out.Clear();
            }
        }

        private sealed class RecordingNotes
        {
            private readonly ArrayList _all = new ArrayList();
            public void Add(string s) { _all.Add(s); }
            public string All()
            {
                System.Text.StringBuilder sb = new System.Text.StringBuilder();
                for (int i = 0; i < _all.Count; i++) sb.Append((string)_all[i]).Append('\n');
                return sb.ToString();
            }
        }

        private static ScepSettings Settings2(string pin, string challenge)
        {
            AgentConfig c = AgentConfig.Parse("scep.url = " + Url + "\nscep.caFingerprint = " + pin + "\nscep.challenge = " + challenge +
                "\nscep.subject = O=PhoneAgent Lab,CN=SEP{MAC}\nscep.san.dns = sep{mac}.lab.example\n");
            Assert.IsFalse(c.HasErrors, c.ProblemCount > 0 ? c.ProblemAt(0).ToString() : "");
            string problem;
            ScepSettings s = ScepConfig.Settings(c, TheMac, out problem);
            Assert.IsNotNull(s, problem);
            return s;
        }

        private static string Ops(ScepTestCa ca)
        {
            string s = "";
            for (int i = 0; i < ca.Operations.Count; i++) s += (i > 0 ? " " : "") + (string)ca.Operations[i];
            return s;
        }

        [TestMethod]
        public void WithoutAnLscTheStepEnrollsOverHttpAndInstallsIt()
        {
            Rig rig = new Rig();
            rig.Boot();
            Assert.AreEqual(BootStep.Done, rig.Step.Status, rig.Step.Summary + "\n" + rig.Notes.All() + rig.Ca.LastError);
            Assert.AreEqual("LSC: Installed", rig.Step.DisplayLine);
            Assert.AreEqual("GetCACaps GetCACert PKCSReq", Ops(rig.Ca));
            Assert.AreEqual("POST", (string)rig.Ca.Methods[0]);
            Assert.AreEqual(3, rig.Peer.Connections.Count);
            Assert.AreEqual("10.77.0.1:8080", (string)rig.Peer.Connections[0]);
            Assert.IsTrue(rig.Step.Summary.IndexOf("enrolled \"O=PhoneAgent Lab, CN=SEP00163E5A0102\"") >= 0, rig.Step.Summary);
            Assert.AreEqual("sep00163e5a0102.lab.example", rig.Ca.LastCsr.DnsNames[0]);
            Assert.AreEqual("urn:dev:mac:00163e5a0102", rig.Ca.LastCsr.UriNames[0]);
            string problem;
            CredentialSet set = rig.Store.Load(out problem);
            Assert.IsNotNull(set, problem);
            Assert.AreEqual("enroll", set.Origin);
            Assert.AreEqual(Url, set.EnrollUrl);
            Assert.AreEqual(rig.Ca.Pin, set.CaFingerprint);
            TlsClientIdentity id = rig.Store.ClientIdentity(ScepTestCa.Now, out problem);
            Assert.IsNotNull(id, problem);
            Assert.IsTrue(TestRsaKeys.Phone1.Matches(id.Certificate));
            Assert.AreEqual(1, id.ChainDer.Length);
            Assert.IsTrue(id.ToString().IndexOf("key withheld") >= 0);
            // Never the challenge in a note or the summary.
            Assert.IsTrue(rig.Notes.All().IndexOf("s3cret") < 0 && rig.Step.Summary.IndexOf("s3cret") < 0);
            Assert.IsTrue(rig.Settings.ToString().IndexOf("s3cret") < 0);
        }

        [TestMethod]
        public void AValidLscIsKeptAndRenewedWhenItsShareIsReached()
        {
            Rig rig = new Rig();
            rig.Boot();
            Assert.AreEqual(BootStep.Done, rig.Step.Status);
            int ops = rig.Ca.Operations.Count;

            // Next boot, same day: nothing is sent, the LSC is reported with its renewal date.
            rig.Boot();
            Assert.AreEqual(BootStep.Done, rig.Step.Status, rig.Step.Summary);
            Assert.AreEqual(ops, rig.Ca.Operations.Count);
            Assert.IsTrue(rig.Step.Summary.IndexOf("LSC: Installed (\"O=PhoneAgent Lab, CN=SEP00163E5A0102\"") == 0, rig.Step.Summary);
            // 365 days + 300 s of validity, renewal share 20 %: due 73 days + 60 s before NotAfter.
            X509Certificate lsc = rig.Store.Certificate();
            long due = CredentialStore.RenewalDueAt(lsc, 20);
            Assert.AreEqual(lsc.NotAfter - (365L * 86400 + 300) / 5, due);
            Assert.IsTrue(rig.Step.Summary.IndexOf("renewal from " + PhoneAgent.Core.Asn1.Asn1Time.Format(due)) > 0, rig.Step.Summary);

            // While running, the step checks daily and renews once the share is reached.
            rig.Ca.IssueNow = due + 86400;   // the CA's clock: a fresh certificate then
            int checks = 0;
            for (; checks < 400 && rig.Ca.Operations.Count == ops; checks++) rig.Fire();
            rig.Settle();
            Assert.AreEqual(BootStep.Done, rig.Step.Status, rig.Step.Summary + "\n" + rig.Notes.All());
            Assert.IsTrue(rig.Wall.UnixSeconds >= due && rig.Wall.UnixSeconds < due + 86400, "renewed on the first daily check past the due time");
            Assert.AreEqual("GetCACaps GetCACert RenewalReq", Ops(rig.Ca).Substring(Ops(rig.Ca).Length - "GetCACaps GetCACert RenewalReq".Length));
            Assert.IsTrue(Same(rig.Ca.LastSigner.Der, lsc.Der), "the RenewalReq is signed with the old LSC");
            Assert.IsTrue(rig.Step.Summary.IndexOf("renewed") > 0, rig.Step.Summary);
            string problem;
            Assert.AreEqual("renew", rig.Store.Load(out problem).Origin);
            Assert.IsTrue(TestRsaKeys.Phone2.Matches(rig.Store.Certificate()), "the new key is installed");
        }

        [TestMethod]
        public void AnLscInItsRenewalShareIsRenewedAtBoot()
        {
            Rig rig = new Rig();
            rig.Boot();
            X509Certificate lsc = rig.Store.Certificate();
            // Reboot 300 days later: 65 of 365 days remain, less than 20 %.
            rig.Wall.Set(ScepTestCa.Now + 300L * 86400);
            rig.Ca.IssueNow = ScepTestCa.Now + 300L * 86400;
            rig.Boot();
            Assert.AreEqual(BootStep.Done, rig.Step.Status, rig.Step.Summary + "\n" + rig.Notes.All());
            Assert.AreEqual("GetCACaps GetCACert PKCSReq GetCACaps GetCACert RenewalReq", Ops(rig.Ca));
            Assert.IsTrue(rig.Notes.All().IndexOf("renewing the LSC \"O=PhoneAgent Lab, CN=SEP00163E5A0102\"") >= 0, rig.Notes.All());
            Assert.IsTrue(!Same(lsc.Der, rig.Store.Certificate().Der));
        }

        [TestMethod]
        public void PendingIsAWarningAndTheCertPollsGoOnOnTheBackoff()
        {
            Rig rig = new Rig();
            rig.Ca.Outcome = ScepTestCa.HoldThenIssue;
            rig.Ca.PendingPolls = 3;                 // CertPolls 1 and 2: PENDING, 3: SUCCESS
            rig.Boot();
            Assert.AreEqual(BootStep.Warning, rig.Step.Status, rig.Step.Summary);
            Assert.IsTrue(rig.Step.IsFinished, "the boot goes on");
            Assert.AreEqual("LSC: pending", rig.Step.DisplayLine);
            Assert.IsTrue(rig.Step.Summary.IndexOf("CertRep PENDING") == 0 && rig.Step.Summary.IndexOf("next CertPoll in 10 s") > 0, rig.Step.Summary);
            long firstPending = (long)rig.Ca.Times[0];
            for (int guard = 0; guard < 100 && rig.Step.Status == BootStep.Warning; guard++) rig.Fire();
            Assert.AreEqual(BootStep.Done, rig.Step.Status, rig.Step.Summary + "\n" + rig.Notes.All());
            Assert.AreEqual("LSC: Installed", rig.Step.DisplayLine);
            Assert.AreEqual("GetCACaps GetCACert PKCSReq CertPoll CertPoll CertPoll", Ops(rig.Ca));
            // RFC 8894 §3.3.3 leaves the interval to the client: 10 s, then doubling (20, 40).
            Assert.AreEqual(10000L, (long)rig.Ca.Times[1] - firstPending);
            Assert.AreEqual(20000L, (long)rig.Ca.Times[2] - (long)rig.Ca.Times[1]);
            Assert.AreEqual(40000L, (long)rig.Ca.Times[3] - (long)rig.Ca.Times[2]);
            Assert.IsTrue(rig.Step.Summary.IndexOf("after 3 CertPoll(s)") > 0, rig.Step.Summary);
            Assert.IsNotNull(rig.Store.Certificate());
        }

        [TestMethod]
        public void AWrongChallengeIsAWarningWithTheFailInfoInWords()
        {
            Rig rig = new Rig();
            rig.Settings = Settings2(rig.Ca.Pin, "not-the-challenge");
            rig.Boot();
            Assert.AreEqual(BootStep.Warning, rig.Step.Status);
            Assert.AreEqual("LSC: Not installed", rig.Step.DisplayLine);
            Assert.IsTrue(rig.Step.Summary.IndexOf("LSC: Not installed: the CA answered FAILURE to the PKCSReq: badRequest") == 0, rig.Step.Summary);
            Assert.IsTrue(rig.Step.Summary.IndexOf("challenge password") > 0);
            Assert.IsTrue(rig.Notes.All().IndexOf("not-the-challenge") < 0, "the challenge is never logged");
            Assert.IsNull(rig.Store.Certificate());
            Assert.AreEqual(Deadline.None, rig.Step.NextDeadlineMs, "no retry storm against the CA");
        }

        [TestMethod]
        public void AWrongFingerprintStopsBeforeAnyPkiOperation()
        {
            Rig rig = new Rig();
            rig.Settings = Settings2("sha256:" + new string('0', 64), "s3cret");
            rig.Boot();
            Assert.AreEqual(BootStep.Warning, rig.Step.Status);
            Assert.IsTrue(rig.Step.Summary.IndexOf("fingerprint") > 0, rig.Step.Summary);
            Assert.AreEqual("GetCACaps GetCACert", Ops(rig.Ca));
            Assert.AreEqual(0, rig.Ca.PkiOperations);
        }

        [TestMethod]
        public void AnUnreachableCaIsNamedAndTheInstalledLscStays()
        {
            Rig rig = new Rig();
            rig.Boot();
            rig.Wall.Set(ScepTestCa.Now + 300L * 86400);   // due for renewal
            rig.Peer.Refuse = true;
            rig.Boot();
            Assert.AreEqual(BootStep.Warning, rig.Step.Status);
            Assert.AreEqual("LSC: Installed", rig.Step.DisplayLine);
            Assert.IsTrue(rig.Step.Summary.IndexOf("LSC: Installed, but the renewal failed: cannot reach the SCEP server at " + Url) == 0, rig.Step.Summary);
            Assert.IsTrue(rig.Step.Summary.IndexOf("connection refused by 10.77.0.1:8080") > 0, rig.Step.Summary);
            Assert.IsNotNull(rig.Store.Certificate());
        }

        [TestMethod]
        public void WithoutTheTimeNothingIsSent()
        {
            Rig rig = new Rig();
            rig.NewStep();
            ScepStep step = new ScepStep(rig.Settings, null, 20, rig.Store, new FixedAddress(), 0, new SyncedWallClock(rig.Clock), rig.Peer, new SeededRandom(3), rig.KeySource);
            step.Start(rig.Clock.NowMs, rig.Out);
            Assert.AreEqual(BootStep.Warning, step.Status);
            Assert.IsTrue(step.Summary.IndexOf("enrollment needs the time") > 0, step.Summary);
            Assert.AreEqual(0, rig.Peer.Connections.Count);
            Assert.AreEqual(0, rig.KeySource.Made);
        }

        [TestMethod]
        public void WithoutScepUrlAnInstalledLscIsOnlyReported()
        {
            Rig rig = new Rig();
            rig.Boot();
            ScepStep step = new ScepStep(null, "scep.url is not set", 20, rig.Store, new FixedAddress(), 0, rig.Wall, rig.Peer, new SeededRandom(3), rig.KeySource);
            step.Start(rig.Clock.NowMs, rig.Out);
            Assert.AreEqual(BootStep.Done, step.Status, step.Summary);
            rig.Wall.Set(ScepTestCa.Now + 400L * 86400);   // expired
            step = new ScepStep(null, "scep.url is not set", 20, rig.Store, new FixedAddress(), 0, rig.Wall, rig.Peer, new SeededRandom(3), rig.KeySource);
            step.Start(rig.Clock.NowMs, rig.Out);
            Assert.AreEqual(BootStep.Warning, step.Status);
            Assert.IsTrue(step.Summary.IndexOf("EXPIRED on") > 0 && step.Summary.IndexOf("cannot be renewed: scep.url is not set") > 0, step.Summary);
        }

        [TestMethod]
        public void APowerCutDuringTheInstallLeavesNoHalfLscAndTheNextBootEnrolls()
        {
            // Count the flash steps of a whole enrollment, then cut the power after each of them.
            Rig probe = new Rig();
            probe.Boot();
            int steps = probe.Media.Steps;
            Assert.IsTrue(steps >= 2);
            int sawNone = 0, sawInstalled = 0;
            for (int cut = 0; cut < steps; cut++)
            {
                Rig rig = new Rig();
                rig.Media.CutAfter = cut;
                bool cutHappened = false;
                try { rig.Boot(); }
                catch (PowerCutException) { cutHappened = true; }
                Assert.IsTrue(cutHappened, "cut " + cut.ToString() + " of " + steps.ToString());
                // Reboot on the same flash: either no LSC (then the step enrolls) or the whole one.
                rig.Media.CutAfter = -1;
                X509Certificate before = rig.Store.Certificate();
                string problem;
                CredentialSet set = rig.Store.Load(out problem);
                Assert.IsNull(problem, "never a half-written set: " + problem);
                if (before == null) sawNone++;
                else
                {
                    sawInstalled++;
                    Assert.IsTrue(TestRsaKeys.Phone1.Matches(before) && set.PrivateKeyDer.Length > 0);
                }
                rig.Boot();
                Assert.AreEqual(BootStep.Done, rig.Step.Status, "cut " + cut.ToString() + ": " + rig.Step.Summary);
                Assert.IsNotNull(rig.Store.ClientIdentity(ScepTestCa.Now, out problem), problem);
            }
            Assert.IsTrue(sawNone > 0, "a cut before the replace leaves no LSC");
        }

        [TestMethod]
        public void ScepKeysAreCheckedByTheConfigurationParser()
        {
            AgentConfig ok = AgentConfig.Parse("scep.url = http://ca.lab.test/scep\nscep.caFingerprint = sha256:" + new string('a', 64) + "\nscep.challenge = x\nscep.renewShare = 0.25\n");
            Assert.IsFalse(ok.HasErrors, ok.ProblemCount > 0 ? ok.ProblemAt(0).ToString() : "");
            Assert.AreEqual(25, ScepConfig.RenewPercent(ok.GetString(ConfigKeys.ScepRenewShare)));
            Assert.AreEqual(20, ScepConfig.RenewPercent(AgentConfig.Defaults().GetString(ConfigKeys.ScepRenewShare)));
            Assert.AreEqual(-1, ScepConfig.RenewPercent("1.5"));
            Assert.AreEqual(-1, ScepConfig.RenewPercent("0.0"));
            Assert.AreEqual(5, ScepConfig.RenewPercent("0.05"));
            string[] bad = new string[]
            {
                "scep.url = ftp://x/scep\nscep.caFingerprint = sha256:" + new string('a', 64),
                "scep.url = http://x/scep\nscep.caFingerprint = sha256:abcd",
                "scep.url = http://x/scep",                                          // no fingerprint
                "scep.renewShare = 20",
                "scep.subject = XX=phone",
                "scep.subject = C=USA",
                "scep.pollFirst = 0",
            };
            for (int i = 0; i < bad.Length; i++) Assert.IsTrue(AgentConfig.Parse(bad[i]).HasErrors, bad[i]);
            AgentConfig secret = AgentConfig.Parse("scep.challenge = hunter2\n");
            Assert.IsTrue(ConfigKeys.Find(ConfigKeys.ScepChallenge).Secret);
            Assert.IsTrue(secret.Describe(ConfigKeys.ScepChallenge).IndexOf("hunter2") < 0, secret.Describe(ConfigKeys.ScepChallenge));
            string problem;
            byte[] subject = ScepConfig.Subject("O=Example, OU=Phones, CN=SEP{MAC}", TheMac, "desk", out problem);
            Assert.IsNotNull(subject, problem);
            X509Name n = X509Name.TryParse(new PhoneAgent.Core.Asn1.DerReader(subject), out problem);
            Assert.AreEqual("O=Example, OU=Phones, CN=SEP00163E5A0102", n.Text);
            Assert.AreEqual("desk-00163e5a0102", ScepConfig.Expand("{name}-{mac}", TheMac, "desk"));
        }

        private static bool Same(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        [TestMethod]
        public void EapTlsOnTheNextBootPresentsTheEnrolledLsc()
        {
            Rig rig = new Rig();
            rig.Boot();
            Assert.AreEqual("LSC: Installed", rig.Step.DisplayLine);
            byte[] lsc = rig.Store.Certificate().Der;

            FakeTlsTunnelPort tunnel = new FakeTlsTunnelPort();
            RecordingSink sink = new RecordingSink();
            AgentPorts ports = new AgentPorts();
            ports.Clock = rig.Clock;
            ports.Network = new ScriptedNetwork(new byte[] { 0x00, 0x16, 0x3e, 0x5a, 0x01, 0x02 });
            ports.Random = new SeededRandom(1);
            ports.Events = sink;
            ports.Store = new ImageStore(rig.Media);
            ports.TlsTunnel = tunnel;
            // A manufacturing certificate is configured too: the LSC wins.
            ports.Dot1xCertificate = new byte[] { 0x30, 0x00 };
            ports.Dot1xKey = new byte[] { 0x30, 0x00 };
            AgentConfig c = AgentConfig.Parse("dot1x.enabled = true\ndot1x.method = tls\n");
            PhoneAgent.Core.Eap.Dot1xStep step = PhoneAgentFactory.NewDot1xStep(c, ports, new byte[] { 0x00, 0x16, 0x3e, 0x5a, 0x01, 0x02 });
            Assert.IsTrue(sink.Any("EAP-TLS presents the LSC \"O=PhoneAgent Lab, CN=SEP00163E5A0102\""), sink.All());
            PhoneAgent.Core.Eap.IEapMethod m = step.Supplicant.Peer.Method;
            Assert.AreEqual("EAP-TLS", m.Name);
            PhoneAgent.Core.Eap.EapMethodResult r = new PhoneAgent.Core.Eap.EapMethodResult();
            m.Initialize();
            m.Process(1, new byte[] { 0x20 }, 0, 1, r);   // EAP-TLS Start (RFC 5216 §3.1)
            Assert.AreEqual(1, tunnel.Opened);
            byte[] presented = tunnel.LastClientCertificate;
            Assert.IsTrue(presented.Length > lsc.Length, "the LSC, then its CA chain");
            byte[] head = new byte[lsc.Length];
            System.Array.Copy(presented, head, lsc.Length);
            Expect.Bytes(lsc, head, "the LSC is the leaf presented");
        }
    }
}
