#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Dns;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Sip.Registration;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.SipRegistration
{
    /// <summary>RFC 3263 §4.2 for a client that knows its transport: literal addresses, SRV then
    /// A, A when no SRV record exists, A for a name with a port, failover order kept.</summary>
    [TestClass]
    public class RegistrarLocatorTests
    {
        private const uint Dns = 0x0A4D0001;       // 10.77.0.1
        private const uint Kam1 = 0x0A4D000B;      // 10.77.0.11
        private const uint Kam2 = 0x0A4D000C;      // 10.77.0.12

        private static string LastQuestion(Outbox o)
        {
            byte[] q = o.DatagramAt(o.DatagramCount - 1).Payload;
            string why;
            DnsMessage m = DnsMessage.TryParse(q, q.Length, out why);
            return m.QuestionName + "/" + m.QuestionType.ToString();
        }

        private static void Answer(RegistrarLocator l, Outbox o, DnsReplyBuilder reply)
        {
            byte[] b = reply.Build();
            l.OnDatagram(Dns, 53, b, b.Length, 0, o);
        }

        private static DnsReplyBuilder ReplyTo(Outbox o)
        {
            return new DnsReplyBuilder(o.DatagramAt(o.DatagramCount - 1).Payload);
        }

        private static string Servers(RegistrarLocator l)
        {
            string s = "";
            for (int i = 0; i < l.Addresses.Length; i++) s += (i > 0 ? " " : "") + Ip4.Format(l.Addresses[i]) + ":" + l.Ports[i].ToString();
            return s;
        }

        [TestMethod]
        public void LiteralAddressesNeedNoDns()
        {
            Outbox o = new Outbox();
            RegistrarLocator l = new RegistrarLocator(new uint[0], 5353, RegistrationSettings.Tls, new SeededRandom(1));
            l.Start(0, new string[] { "10.77.0.11", "sip:10.77.0.12:5071;transport=tls", "10.77.0.11" }, o);
            Assert.AreEqual(RegistrarLocator.Done, l.State);
            Assert.AreEqual(0, o.DatagramCount);
            Assert.AreEqual("10.77.0.11:5061 10.77.0.12:5071", Servers(l), "TLS default port 5061; the repeated entry once");
        }

        [TestMethod]
        public void SrvTargetsInPriorityOrderThenTheirAddresses()
        {
            Outbox o = new Outbox();
            RegistrarLocator l = new RegistrarLocator(new uint[] { Dns }, 5353, RegistrationSettings.Udp, new SeededRandom(3));
            l.Start(0, new string[] { "sip.lab.test" }, o);
            Assert.AreEqual(RegistrarLocator.Resolving, l.State);
            Assert.AreEqual("_sip._udp.sip.lab.test/33", LastQuestion(o));
            // Priority 20 listed first in the reply; kam1 comes with its A record in the additional section.
            Answer(l, o, ReplyTo(o)
                .Srv("_sip._udp.sip.lab.test", 20, 0, 5060, "kam2.lab.test")
                .Srv("_sip._udp.sip.lab.test", 10, 0, 5070, "kam1.lab.test")
                .A("kam1.lab.test", Kam1, true));
            Assert.AreEqual(RegistrarLocator.Resolving, l.State, "kam2 still needs its A record");
            Assert.AreEqual("kam2.lab.test/1", LastQuestion(o));
            Answer(l, o, ReplyTo(o).A("kam2.lab.test", Kam2, false));
            Assert.AreEqual(RegistrarLocator.Done, l.State);
            Assert.AreEqual("10.77.0.11:5070 10.77.0.12:5060", Servers(l));
        }

        [TestMethod]
        public void NoSrvRecordMeansTheARecordOnTheDefaultPort()
        {
            Outbox o = new Outbox();
            RegistrarLocator l = new RegistrarLocator(new uint[] { Dns }, 5353, RegistrationSettings.Tcp, new SeededRandom(1));
            l.Start(0, new string[] { "sip:sip.lab.test;transport=tcp" }, o);
            Assert.AreEqual("_sip._tcp.sip.lab.test/33", LastQuestion(o));
            Answer(l, o, ReplyTo(o).Rcode(DnsMessage.RcodeNxDomain));
            Assert.AreEqual("sip.lab.test/1", LastQuestion(o));
            Answer(l, o, ReplyTo(o).A("sip.lab.test", Kam1, false).A("sip.lab.test", Kam2, false));
            Assert.AreEqual(RegistrarLocator.Done, l.State);
            Assert.AreEqual("10.77.0.11:5060 10.77.0.12:5060", Servers(l), "every A record is a server to fail over to");
        }

        [TestMethod]
        public void ANameWithAPortSkipsSrvAndTlsAsksForSips()
        {
            Outbox o = new Outbox();
            RegistrarLocator tls = new RegistrarLocator(new uint[] { Dns }, 5353, RegistrationSettings.Tls, new SeededRandom(1));
            tls.Start(0, new string[] { "sip.lab.test" }, o);
            Assert.AreEqual("_sips._tcp.sip.lab.test/33", LastQuestion(o));
            RegistrarLocator l = new RegistrarLocator(new uint[] { Dns }, 5353, RegistrationSettings.Udp, new SeededRandom(1));
            l.Start(0, new string[] { "sip.lab.test:5080" }, o);
            Assert.AreEqual("sip.lab.test/1", LastQuestion(o));
            Answer(l, o, ReplyTo(o).A("sip.lab.test", Kam1, false));
            Assert.AreEqual("10.77.0.11:5080", Servers(l));
        }

        [TestMethod]
        public void AnUnresolvableEntryIsSkippedAndAllFailingIsExplained()
        {
            Outbox o = new Outbox();
            RegistrarLocator l = new RegistrarLocator(new uint[] { Dns }, 5353, RegistrationSettings.Udp, new SeededRandom(1));
            l.Start(0, new string[] { "gone.lab.test:5060", "10.77.0.12" }, o);
            Answer(l, o, ReplyTo(o).Rcode(DnsMessage.RcodeNxDomain));
            Assert.AreEqual(RegistrarLocator.Done, l.State);
            Assert.AreEqual("10.77.0.12:5060", Servers(l));

            RegistrarLocator none = new RegistrarLocator(new uint[0], 5353, RegistrationSettings.Udp, new SeededRandom(1));
            none.Start(0, new string[] { "sip.lab.test" }, o);
            Assert.AreEqual(RegistrarLocator.Failed, none.State);
            Expect.Contains(none.Reason, "sip.lab.test: no DNS server is configured", "reason");
        }

        [TestMethod]
        public void SilenceFallsBackFromSrvToAThenFails()
        {
            Outbox o = new Outbox();
            RegistrarLocator l = new RegistrarLocator(new uint[] { Dns }, 5353, RegistrationSettings.Udp, new SeededRandom(1));
            l.Start(0, new string[] { "sip.lab.test" }, o);
            long now = 0;
            for (int i = 0; i < 20 && l.State == RegistrarLocator.Resolving; i++)
            {
                now = l.NextDeadlineMs;
                l.Poll(now, o);
            }
            Assert.AreEqual(RegistrarLocator.Failed, l.State);
            Assert.AreEqual(6, o.DatagramCount, "three tries for the SRV name, three for the A name");
            Assert.AreEqual(14000L, now, "1 + 2 + 4 s per name");
            Expect.Contains(l.Reason, "no answer for \"sip.lab.test\"", "reason");
        }
    }
}
