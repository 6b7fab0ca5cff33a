#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Sip.Transaction;

namespace PhoneAgent.Core.Tests.SipTransaction
{
    /// <summary>RFC 3261 §17.1.2 on virtual time: the send times over UDP (T1 = 500 ms doubling
    /// to T2 = 4 s), timer F at 32 s, Proceeding at T2, timer K, reliable transports.</summary>
    [TestClass]
    public class NonInviteClientTransactionTests
    {
        private static readonly byte[] Request = new byte[] { 1, 2, 3 };

        /// <summary>Runs the transaction from 0 to endMs in 10 ms steps; returns the send times joined by commas.</summary>
        private static string Run(NonInviteClientTransaction t, long endMs, long respondAt, int status)
        {
            string sends = "";
            for (long now = 0; now <= endMs; now += 10)
            {
                if (now == respondAt) t.OnResponse(now, status);
                t.Poll(now);
                if (t.TakeSend() != null) sends += (sends.Length > 0 ? "," : "") + now.ToString();
            }
            return sends;
        }

        [TestMethod]
        public void UdpRetransmitsOnTimerEAndTimesOutOnTimerF()
        {
            NonInviteClientTransaction t = new NonInviteClientTransaction();
            t.Start(0, Request, false);
            string sends = Run(t, 40000, -1, 0);
            Assert.AreEqual("0,500,1500,3500,7500,11500,15500,19500,23500,27500,31500", sends);
            Assert.IsTrue(t.TimedOut);
            Assert.AreEqual(NonInviteClientTransaction.Terminated, t.State);
            Assert.AreEqual(11, t.Sends);
        }

        [TestMethod]
        public void ProvisionalMovesToProceedingWithT2Retransmits()
        {
            NonInviteClientTransaction t = new NonInviteClientTransaction();
            t.Start(0, Request, false);
            string sends = "";
            for (long now = 0; now <= 12000; now += 10)
            {
                if (now == 600) Assert.IsTrue(t.OnResponse(now, 100));
                t.Poll(now);
                if (t.TakeSend() != null) sends += (sends.Length > 0 ? "," : "") + now.ToString();
            }
            Assert.AreEqual(NonInviteClientTransaction.Proceeding, t.State);
            Assert.AreEqual("0,500,1500,5500,9500", sends);
        }

        [TestMethod]
        public void FinalResponseCompletesAndTimerKAbsorbsRetransmissions()
        {
            NonInviteClientTransaction t = new NonInviteClientTransaction();
            t.Start(0, Request, false);
            t.Poll(0);
            t.TakeSend();
            Assert.IsTrue(t.OnResponse(100, 401));
            Assert.AreEqual(NonInviteClientTransaction.Completed, t.State);
            Assert.AreEqual(401, t.FinalStatus);
            Assert.AreEqual(5100L, t.NextDeadlineMs);
            Assert.IsFalse(t.OnResponse(200, 401), "a retransmitted final response is absorbed");
            t.Poll(5099);
            Assert.AreEqual(NonInviteClientTransaction.Completed, t.State);
            t.Poll(5100);
            Assert.AreEqual(NonInviteClientTransaction.Terminated, t.State);
            Assert.IsFalse(t.TimedOut);
            Assert.AreEqual(Deadline.None, t.NextDeadlineMs);
        }

        [TestMethod]
        public void ReliableTransportSendsOnceAndTerminatesOnFinal()
        {
            NonInviteClientTransaction t = new NonInviteClientTransaction();
            t.Start(0, Request, true);
            Assert.AreEqual("0", Run(t, 31990, -1, 0));
            Assert.IsFalse(t.TimedOut);
            t.Poll(32000);
            Assert.IsTrue(t.TimedOut, "timer F applies on reliable transports too");

            NonInviteClientTransaction r = new NonInviteClientTransaction();
            r.Start(0, Request, true);
            Run(r, 1000, 300, 200);
            Assert.AreEqual(NonInviteClientTransaction.Terminated, r.State);
            Assert.AreEqual(200, r.FinalStatus);
        }

        [TestMethod]
        public void TransportErrorAndBadStatusCodes()
        {
            NonInviteClientTransaction t = new NonInviteClientTransaction();
            t.Start(0, Request, false);
            Assert.IsFalse(t.OnResponse(10, 99));
            Assert.IsFalse(t.OnResponse(10, 700));
            Assert.AreEqual(NonInviteClientTransaction.Trying, t.State);
            t.OnTransportError();
            Assert.IsTrue(t.TransportFailed);
            Assert.AreEqual(NonInviteClientTransaction.Terminated, t.State);
            Assert.IsNull(t.TakeSend());
        }
    }
}
