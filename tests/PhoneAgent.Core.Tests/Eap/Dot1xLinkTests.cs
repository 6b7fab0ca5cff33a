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
    /// <summary>portEnabled from the link (IEEE 802.1X-2004 §8.2.2.2): a link outage after the
    /// port was authorized (an unplugged cable, a restarted switch) takes the PAE to
    /// DISCONNECTED, and link up authenticates again from EAPOL-Start.</summary>
    [TestClass]
    public class Dot1xLinkTests
    {
        [TestMethod]
        public void LinkDownAndUpAuthenticatesAgain()
        {
            Dot1xStepTests.Rig r = new Dot1xStepTests.Rig(Dot1xStepTests.Config, false);
            r.Settle();
            r.FromSwitch(EapolVectors.RequestIdentity);
            r.FromSwitch(EapolVectors.RequestMd5);
            r.FromSwitch(EapolVectors.Success);
            Dot1xStep step = (Dot1xStep)r.Loop.Boot.StepAt(1);
            Assert.AreEqual(SupplicantPaeState.Authenticated, step.Supplicant.State);
            int frames = r.Net.Frames.SentCount;

            r.Net.Link = false;
            r.RunUntil(r.Clock.NowMs + 500);
            Assert.AreEqual(SupplicantPaeState.Disconnected, step.Supplicant.State, "portEnabled false");
            Assert.IsFalse(step.Supplicant.PortAuthorized);
            Assert.AreEqual(frames, r.Net.Frames.SentCount, "nothing sent on a dead link");

            r.Net.Link = true;
            r.RunUntil(r.Clock.NowMs + 500);
            Assert.AreEqual(frames + 1, r.Net.Frames.SentCount);
            Assert.AreEqual(Eapol.TypeStart, SupplicantPaeTests.Decode(r.Net.Frames.SentAt(frames)).PacketType, "EAPOL-Start on link up");
            r.FromSwitch(EapolVectors.RequestIdentity);
            r.FromSwitch(EapolVectors.RequestMd5);
            r.FromSwitch(EapolVectors.Success);
            Assert.AreEqual(SupplicantPaeState.Authenticated, step.Supplicant.State);
            Assert.AreEqual(BootStep.Done, step.Status);
            Assert.IsTrue(r.Sink.Any("link down on test0"));
        }
    }
}
