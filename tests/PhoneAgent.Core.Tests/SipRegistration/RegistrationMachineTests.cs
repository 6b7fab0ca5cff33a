#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Sip.Registration;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.SipRegistration
{
    /// <summary>The registration decisions on virtual time: challenge, 423, refresh window,
    /// refusals, failover and backoff, un-REGISTER.</summary>
    [TestClass]
    public class RegistrationMachineTests
    {
        private static readonly string[] Challenge = new string[] { "Digest realm=\"sip.lab.test\", nonce=\"abc\"" };

        private static RegistrationMachine New(Outbox o, params string[] servers)
        {
            return new RegistrationMachine(servers.Length == 0 ? new string[] { "sip:a.lab.test" } : servers, 600, new SeededRandom(7), o);
        }

        private static void Take(RegistrationMachine m)
        {
            Assert.IsTrue(m.HasPending);
            m.Sent();
        }

        [TestMethod]
        public void ChallengeThenRegisteredThenRefreshAt80To90Percent()
        {
            Outbox o = new Outbox();
            RegistrationMachine m = New(o);
            m.Start(0);
            Take(m);
            Assert.IsNull(m.PendingChallenges);
            Assert.AreEqual(600, m.PendingExpires);
            m.OnFinal(100, 401, "Unauthorized", -1, -1, -1, Challenge, false);
            Assert.AreEqual(RegistrationMachine.Registering, m.State);
            Assert.AreEqual(Challenge[0], m.PendingChallenges[0]);
            Take(m);
            m.OnFinal(200, 200, "OK", 300, -1, -1, null, false);
            Assert.AreEqual(RegistrationMachine.Registered, m.State);
            Assert.AreEqual(300, m.Granted);
            Assert.IsTrue(m.RefreshAtMs >= 200 + 240000 && m.RefreshAtMs <= 200 + 270000, "refresh at " + m.RefreshAtMs.ToString());
            m.Poll(m.RefreshAtMs - 1);
            Assert.IsFalse(m.HasPending);
            m.Poll(m.RefreshAtMs);
            Assert.IsTrue(m.HasPending);
            Assert.IsNull(m.PendingChallenges, "a refresh starts without the old challenge");
        }

        [TestMethod]
        public void RefreshTimesSpreadOverTheWholeWindow()
        {
            long min = long.MaxValue, max = 0;
            for (uint seed = 1; seed <= 200; seed++)
            {
                RegistrationMachine m = new RegistrationMachine(new string[] { "sip:a" }, 1000, new SeededRandom(seed), new Outbox());
                m.Start(0);
                m.Sent();
                m.OnFinal(0, 200, "OK", 1000, -1, -1, null, false);
                if (m.RefreshAtMs < min) min = m.RefreshAtMs;
                if (m.RefreshAtMs > max) max = m.RefreshAtMs;
            }
            Assert.AreEqual(800000L, min);
            Assert.AreEqual(900000L, max);
        }

        [TestMethod]
        public void WrongPasswordIsNamedAndStaleNonceIsNot()
        {
            Outbox o = new Outbox();
            RegistrationMachine m = New(o);
            m.Start(0);
            Take(m);
            m.OnFinal(10, 401, "Unauthorized", -1, -1, -1, Challenge, false);
            Take(m);
            m.OnFinal(20, 401, "Unauthorized", -1, -1, -1, Challenge, true);
            Assert.AreEqual(RegistrationMachine.Registering, m.State, "stale=true: answer the new nonce");
            Take(m);
            m.OnFinal(30, 401, "Unauthorized", -1, -1, -1, Challenge, false);
            Assert.AreEqual(RegistrationMachine.Waiting, m.State);
            Assert.IsTrue(m.Diagnosis.IndexOf("refused the user name or password") >= 0, m.Diagnosis);
        }

        private static readonly string[] NtlmChallenge = new string[] { "NTLM realm=\"SIP Communications Service\", targetname=\"fe.contoso.test\", version=4" };

        [TestMethod]
        public void NtlmGetsExactlyTwoRoundsThenTheRefusalNamesTheAccount()
        {
            Outbox o = new Outbox();
            RegistrationMachine m = New(o);
            m.Start(0);
            m.Sent(RegistrationMachine.AnswerNone, null);
            m.OnFinal(10, 401, "Unauthorized", -1, -1, -1, NtlmChallenge, false);
            Assert.AreEqual(RegistrationMachine.Registering, m.State);
            m.Sent(RegistrationMachine.AnswerNtlmNegotiate, "CONTOSO\\alice");
            m.OnFinal(20, 401, "Unauthorized", -1, -1, -1, NtlmChallenge, false);
            Assert.AreEqual(RegistrationMachine.Registering, m.State, "the challenge after the empty token carries the CHALLENGE_MESSAGE: not a refusal");
            Assert.AreEqual("", m.Diagnosis);
            m.Sent(RegistrationMachine.AnswerNtlmAuthenticate, "CONTOSO\\alice");
            m.OnFinal(30, 401, "Unauthorized", -1, -1, -1, NtlmChallenge, true);
            Assert.AreEqual(RegistrationMachine.Waiting, m.State, "after the AUTHENTICATE_MESSAGE a challenge is the refusal, stale or not");
            Assert.IsTrue(m.Diagnosis.IndexOf("refused the NTLMv2 response for CONTOSO\\alice: wrong password") >= 0, m.Diagnosis);

            // A signed refresh that is challenged starts a new association: not a refusal.
            RegistrationMachine r = New(new Outbox());
            r.Start(0);
            r.Sent(RegistrationMachine.AnswerNone, null);
            r.OnFinal(10, 200, "OK", 600, -1, -1, null, false);
            r.Poll(r.RefreshAtMs);
            Assert.IsNull(r.PendingChallenges);
            r.Sent(RegistrationMachine.AnswerNtlmSigned, "CONTOSO\\alice");
            r.OnFinal(r.RefreshAtMs + 10, 401, "Unauthorized", -1, -1, -1, NtlmChallenge, false);
            Assert.AreEqual(RegistrationMachine.Registering, r.State, r.Diagnosis);
            Assert.IsTrue(r.HasPending);
        }

        [TestMethod]
        public void IntervalTooBriefRetriesWithMinExpires()
        {
            Outbox o = new Outbox();
            RegistrationMachine m = New(o);
            m.Start(0);
            Take(m);
            m.OnFinal(10, 423, "Interval Too Brief", -1, 1200, -1, null, false);
            Assert.IsTrue(m.HasPending);
            Assert.AreEqual(1200, m.PendingExpires);
            m.Sent();
            m.OnFinal(20, 423, "Interval Too Brief", -1, 1200, -1, null, false);
            Assert.AreEqual(RegistrationMachine.Waiting, m.State, "a second 423 with the same Min-Expires is a registrar fault");
        }

        [TestMethod]
        public void ForbiddenAndNotFoundStop()
        {
            RegistrationMachine m = New(new Outbox(), "sip:a", "sip:b");
            m.Start(0);
            Take(m);
            m.OnFinal(10, 403, "Forbidden", -1, -1, -1, null, false);
            Assert.AreEqual(RegistrationMachine.Stopped, m.State);
            Assert.AreEqual(Deadline.None, m.NextDeadlineMs);
            Assert.IsTrue(m.Diagnosis.IndexOf("forbids") >= 0);
            RegistrationMachine n = New(new Outbox());
            n.Start(0);
            Take(n);
            n.OnFinal(10, 404, "Not Found", -1, -1, -1, null, false);
            Assert.IsTrue(n.Diagnosis.IndexOf("does not know this address-of-record") >= 0);
        }

        [TestMethod]
        public void FailoverAcrossServersThenBackoffThatGrowsAndIsCapped()
        {
            Outbox o = new Outbox();
            RegistrationMachine m = new RegistrationMachine(new string[] { "sip:a", "sip:b" }, 600, new SeededRandom(3), o);
            m.Start(0);
            Take(m);
            m.OnTimeout(32000);
            Assert.AreEqual("sip:b", m.Server, "the next server at once");
            Assert.AreEqual(RegistrationMachine.Registering, m.State);
            Take(m);
            m.OnFinal(33000, 503, "Service Unavailable", -1, -1, -1, null, false);
            Assert.AreEqual(RegistrationMachine.Waiting, m.State);
            long wait = m.RetryAtMs - 33000;
            Assert.IsTrue(wait >= 30000 && wait <= 60000, "first backoff 50..100 % of 30 s * 2^1: " + wait.ToString());
            long now = m.RetryAtMs;
            long last = 0;
            for (int round = 0; round < 10; round++)
            {
                m.Poll(now);
                Take(m);
                m.OnTimeout(now + 32000);
                Take(m);
                m.OnTimeout(now + 64000);
                last = m.RetryAtMs - (now + 64000);
                Assert.IsTrue(last <= 1800000, "capped at 1800 s: " + last.ToString());
                now = m.RetryAtMs;
            }
            Assert.IsTrue(last >= 900000, "after many failures the wait is 50..100 % of 1800 s: " + last.ToString());
        }

        /// <summary>RFC 5626 §4.5: W = min(max-time, base-time * 2^consecutive-failures) with base-time
        /// 30 s when every flow failed, the wait a random 50..100 % of W: the first retry 30..60 s
        /// after the first failure, the bound 240 s after three ("min(1800, 30*(2^3))"), 1800 s
        /// from the sixth. Seen in the lab (SippScenarioLabTests): the phone announced 15..30 s.</summary>
        [TestMethod]
        public void BackoffBoundIsBaseTimeTimesTwoToTheFailures()
        {
            long[] low = new long[] { 30000, 60000, 120000, 240000, 480000, 900000, 900000 };
            long[] high = new long[] { 60000, 120000, 240000, 480000, 960000, 1800000, 1800000 };
            for (uint seed = 1; seed <= 40; seed++)
            {
                RegistrationMachine m = new RegistrationMachine(new string[] { "sip:a" }, 600, new SeededRandom(seed), new Outbox());
                m.Start(0);
                long now = 0;
                for (int failure = 0; failure < low.Length; failure++)
                {
                    Take(m);
                    now += 32000;
                    m.OnTimeout(now);
                    Assert.AreEqual(RegistrationMachine.Waiting, m.State);
                    long wait = m.RetryAtMs - now;
                    Assert.IsTrue(wait >= low[failure] && wait <= high[failure],
                        "failure " + (failure + 1).ToString() + " waits " + wait.ToString() + " ms (seed " + seed.ToString() + ")");
                    now = m.RetryAtMs;
                    m.Poll(now);
                }
            }
        }

        [TestMethod]
        public void RetryAfterIsHonoured()
        {
            RegistrationMachine m = New(new Outbox(), "sip:a", "sip:b");
            m.Start(0);
            Take(m);
            m.OnFinal(1000, 503, "Service Unavailable", -1, -1, 120, null, false);
            Assert.AreEqual(RegistrationMachine.Waiting, m.State, "Retry-After: wait, do not fail over at once");
            Assert.AreEqual(121000L, m.RetryAtMs);
        }

        [TestMethod]
        public void StopUnregistersWithExpiresZero()
        {
            Outbox o = new Outbox();
            RegistrationMachine m = New(o);
            m.Start(0);
            Take(m);
            m.OnFinal(10, 200, "OK", 600, -1, -1, null, false);
            m.Stop(20);
            Assert.AreEqual(RegistrationMachine.Unregistering, m.State);
            Assert.AreEqual(0, m.PendingExpires);
            Take(m);
            m.OnFinal(30, 401, "Unauthorized", -1, -1, -1, Challenge, false);
            Assert.AreEqual(RegistrationMachine.Unregistering, m.State, "the un-REGISTER's challenge is answered");
            Assert.AreEqual(0, m.PendingExpires);
            Assert.AreEqual(Challenge[0], m.PendingChallenges[0]);
            Take(m);
            m.OnFinal(40, 200, "OK", 0, -1, -1, null, false);
            Assert.AreEqual(RegistrationMachine.Off, m.State);
            Assert.IsTrue(o.NoteAt(o.NoteCount - 1).Text.IndexOf("unregistered from") >= 0);
        }
    }
}
