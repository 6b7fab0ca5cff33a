#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Eap
{
    /// <summary>The method plug-in interface with a multi-round method shaped like EAP-TLS
    /// (fragments acknowledged with empty responses, a key at the end): RFC 4137 §4.4 keeps
    /// Success and Failure away while the method says CONT, and hands over the key on SUCCESS.</summary>
    [TestClass]
    public class EapPeerMethodTests
    {
        /// <summary>Three rounds: two fragments acknowledged (CONT), then the final round
        /// (DONE, UNCOND_SUCC) with a 64-byte key. Type 13 on the wire; not real TLS.</summary>
        private sealed class ThreeRoundMethod : IEapMethod
        {
            public int Rounds;
            public int Type { get { return EapType.Tls; } }
            public string Name { get { return "three-round test method"; } }
            public string RejectionHint { get { return "test"; } }
            public bool IsKeyAvailable { get { return Rounds >= 3; } }
            public byte[] GetKey() { return new byte[64]; }
            public void Initialize() { Rounds = 0; }

            public void Process(int identifier, byte[] typeData, int offset, int count, EapMethodResult result)
            {
                result.Clear();
                if (count == 0)
                {
                    result.Ignore = true;
                    result.Note = "empty";
                    return;
                }
                Rounds++;
                result.MethodState = Rounds < 3 ? EapMethodState.Cont : EapMethodState.Done;
                result.Decision = Rounds < 3 ? EapDecision.Fail : EapDecision.UncondSucc;
                result.AllowNotifications = Rounds < 3;
                result.ResponseData = new byte[] { 0 }; // an acknowledgement
            }
        }

        private static SupplicantPae Started(ThreeRoundMethod m, Outbox o)
        {
            SupplicantPae s = new SupplicantPae(SupplicantPaeTests.PhoneMac, new EapPeer("phone1", m));
            s.Start(0, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 1, EapType.Identity, null), 1, o);
            return s;
        }

        [TestMethod]
        public void SuccessWhileTheMethodContinuesIsDiscarded()
        {
            Outbox o = new Outbox();
            ThreeRoundMethod m = new ThreeRoundMethod();
            SupplicantPae s = Started(m, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 2, EapType.Tls, new byte[] { 0xC0 }), 2, o);
            Assert.AreEqual(EapMethodState.Cont, s.Peer.MethodState);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Success, 2, EapType.None, null), 3, o);
            Assert.AreEqual(SupplicantPaeState.Authenticating, s.State, "DISCARD: the method is not done");
            Assert.IsFalse(s.PortAuthorized);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Failure, 2, EapType.None, null), 4, o);
            Assert.AreEqual(SupplicantPaeState.Authenticating, s.State, "a Failure during CONT is discarded too (RFC 4137 §4.4)");
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 3, EapType.Tls, new byte[] { 0x40 }), 5, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 4, EapType.Tls, new byte[] { 0x00 }), 6, o);
            Assert.AreEqual(3, m.Rounds);
            Assert.AreEqual(EapMethodState.Done, s.Peer.MethodState);
            Assert.IsFalse(s.Peer.EapKeyAvailable, "the key is handed over on SUCCESS only");
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Success, 4, EapType.None, null), 7, o);
            Assert.AreEqual(SupplicantPaeState.Authenticated, s.State);
            Assert.IsTrue(s.Peer.EapKeyAvailable);
            Assert.AreEqual(64, s.Peer.EapKeyData.Length);
            Assert.AreEqual(5, o.FrameCount, "Start, Identity and three acknowledgements");
        }

        [TestMethod]
        public void IgnoredRequestGetsNoResponse()
        {
            Outbox o = new Outbox();
            ThreeRoundMethod m = new ThreeRoundMethod();
            SupplicantPae s = Started(m, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 2, EapType.Tls, null), 2, o);
            Assert.AreEqual(2, o.FrameCount, "m.check said ignore: DISCARD, no response");
            Assert.AreEqual(EapPeerState.Idle, s.Peer.State);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 2, EapType.Tls, new byte[] { 0xC0 }), 3, o);
            Assert.AreEqual(3, o.FrameCount, "the same identifier, now valid, is processed (lastId was not taken)");
        }

        [TestMethod]
        public void OtherTypesAreDiscardedOnceAMethodIsSelected()
        {
            // RFC 4137 §4.4 RECEIVED: a Request of another Type after selection matches no exit.
            Outbox o = new Outbox();
            ThreeRoundMethod m = new ThreeRoundMethod();
            SupplicantPae s = Started(m, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 2, EapType.Tls, new byte[] { 0xC0 }), 2, o);
            s.OnFrame(SupplicantPaeTests.FromSwitch(EapCode.Request, 3, EapType.Md5Challenge, new byte[] { 1, 9 }), 3, o);
            Assert.AreEqual(3, o.FrameCount, "no Nak in the middle of a method");
            Assert.AreEqual(EapType.Tls, s.Peer.SelectedMethod);
        }
    }
}
