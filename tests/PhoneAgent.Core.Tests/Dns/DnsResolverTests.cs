#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Dns;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Dns
{
    [TestClass]
    public class DnsResolverTests
    {
        private const uint Server1 = 0x0A4D0001;  // 10.77.0.1
        private const uint Server2 = 0x0A4D0005;

        /// <summary>The captured dnsmasq reply, with its ID set to what the resolver chose.</summary>
        private static byte[] Reply(string hex, Outbox o)
        {
            byte[] q = o.DatagramAt(o.DatagramCount - 1).Payload;
            byte[] b = Hex.TryParse(hex);
            b[0] = q[0];
            b[1] = q[1];
            return b;
        }

        [TestMethod]
        public void ResolvesAThroughTheCapturedReply()
        {
            Outbox o = new Outbox();
            DnsResolver r = new DnsResolver(new uint[] { Server1 }, 5353, new SeededRandom(1));
            r.Start(0, "sip.lab.test", DnsMessage.TypeA, o);
            Assert.AreEqual(1, o.DatagramCount);
            Assert.AreEqual(53, o.DatagramAt(0).DestinationPort);
            byte[] reply = Reply("12348580000100010000000003736970036c616204746573740000010001c00c000100010000000000040a4d0001", o);
            r.OnDatagram(Server2, 53, reply, reply.Length);
            Assert.AreEqual(DnsResolver.Asking, r.State, "a reply from another server is ignored");
            reply[0] ^= 1;
            r.OnDatagram(Server1, 53, reply, reply.Length);
            Assert.AreEqual(DnsResolver.Asking, r.State, "a reply with another ID is ignored");
            reply[0] ^= 1;
            r.OnDatagram(Server1, 53, reply, reply.Length);
            Assert.AreEqual(DnsResolver.Answered, r.State);
            Assert.AreEqual("10.77.0.1", Ip4.Format(r.Addresses[0]));
        }

        [TestMethod]
        public void FollowsCnameAndOrdersSrvByPriority()
        {
            Outbox o = new Outbox();
            DnsResolver r = new DnsResolver(new uint[] { Server1 }, 5353, new SeededRandom(1));
            r.Start(0, "registrar.lab.test", DnsMessage.TypeA, o);
            byte[] c = Reply("34568580000100020000000009726567697374726172036c616204746573740000010001c00c0005000100000000000e03736970036c6162047465737400c030000100010000000000040a4d0001", o);
            r.OnDatagram(Server1, 53, c, c.Length);
            Assert.AreEqual("10.77.0.1", Ip4.Format(r.Addresses[0]));

            DnsResolver s = new DnsResolver(new uint[] { Server1 }, 5353, new SeededRandom(9));
            o.Clear();
            s.Start(0, "_sip._udp.lab.test", DnsMessage.TypeSrv, o);
            byte[] srv = Reply("234585800001000200000002045f736970045f756470036c616204746573740000210001c00c002100010000000000150014002813c40473697032036c6162047465737400c00c00210001000000000014000a003c13c403736970036c6162047465737400c057000100010000000000040a4d0001c036000100010000000000040a4d0003", o);
            s.OnDatagram(Server1, 53, srv, srv.Length);
            Assert.AreEqual(DnsResolver.Answered, s.State, s.Reason);
            Assert.AreEqual("sip.lab.test", s.Services[0].Target, "priority 10 before 20");
            Assert.AreEqual("10.77.0.1", Ip4.Format(s.Services[0].Address), "address from the additional section");
            Assert.AreEqual("10.77.0.3", Ip4.Format(s.Services[1].Address));
        }

        [TestMethod]
        public void RetriesAcrossServersThenSaysSo()
        {
            Outbox o = new Outbox();
            DnsResolver r = new DnsResolver(new uint[] { Server1, Server2 }, 5353, new SeededRandom(3));
            r.Start(0, "sip.lab.test", DnsMessage.TypeA, o);
            long now = 0;
            while (r.State == DnsResolver.Asking && now < 60000)
            {
                now = r.NextDeadlineMs;
                r.Poll(now, o);
            }
            Assert.AreEqual(6, o.DatagramCount, "3 rounds over 2 servers");
            Assert.AreEqual(Server2, o.DatagramAt(1).Destination);
            Assert.AreEqual(14000L, now, "1+1+2+2+4+4 s");
            Assert.IsTrue(r.Reason.IndexOf("no answer for \"sip.lab.test\" from 10.77.0.1, 10.77.0.5") >= 0, r.Reason);
        }

        [TestMethod]
        public void RefusedAndNoServerAreDiagnosed()
        {
            Outbox o = new Outbox();
            DnsResolver r = new DnsResolver(new uint[] { Server1 }, 5353, new SeededRandom(3));
            r.Start(0, "nothere.lab.test", DnsMessage.TypeA, o);
            byte[] refused = Reply("456781850001000000000000076e6f7468657265036c616204746573740000010001", o);
            r.OnDatagram(Server1, 53, refused, refused.Length);
            Assert.AreEqual(DnsResolver.Failed, r.State);
            Assert.AreEqual("10.77.0.1 answered REFUSED for \"nothere.lab.test\"", r.Reason);
            DnsResolver none = new DnsResolver(new uint[0], 5353, new SeededRandom(3));
            none.Start(0, "sip.lab.test", DnsMessage.TypeA, o);
            Assert.IsTrue(none.Reason.IndexOf("no DNS server is configured") >= 0);
        }
    }
}
