#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Sip.Transaction;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.SipTransaction
{
    [TestClass]
    public class CrlfKeepAliveTests
    {
        [TestMethod]
        public void PingsWithinTheWindowAndFailsWithoutPong()
        {
            CrlfKeepAlive k = new CrlfKeepAlive(new SeededRandom(5));
            k.Start(0, -1);
            Assert.IsTrue(k.NextPingMs >= 95000 && k.NextPingMs <= 120000, k.NextPingMs.ToString());
            long t = k.NextPingMs;
            k.Poll(t - 1);
            Assert.IsNull(k.TakePing());
            k.Poll(t);
            byte[] ping = k.TakePing();
            Assert.IsNotNull(ping);
            Assert.AreEqual(4, ping.Length);
            k.OnPong(t + 50);
            Assert.IsFalse(k.Failed);
            long t2 = k.NextPingMs;
            Assert.IsTrue(t2 - (t + 50) >= 95000 && t2 - (t + 50) <= 120000);
            k.Poll(t2);
            k.TakePing();
            k.Poll(t2 + 9999);
            Assert.IsFalse(k.Failed);
            k.Poll(t2 + 10000);
            Assert.IsTrue(k.Failed, "no pong within 10 s: the flow failed");
        }

        [TestMethod]
        public void FlowTimerSetsTheInterval()
        {
            for (uint seed = 1; seed < 50; seed++)
            {
                CrlfKeepAlive k = new CrlfKeepAlive(new SeededRandom(seed));
                k.Start(1000, 30);
                Assert.IsTrue(k.NextPingMs >= 1000 + 24000 && k.NextPingMs <= 1000 + 30000, k.NextPingMs.ToString());
            }
        }
    }
}
