#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Net;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Dhcp
{
    /// <summary>DHCPINFORM (RFC 2131 §3.4) on virtual time.</summary>
    [TestClass]
    public class DhcpInformClientTests
    {
        private static readonly byte[] PhoneMac = new byte[] { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x07 };
        private const uint Phone = 0x0a4d0077;   // 10.77.0.119
        private const uint Server = 0x0a4d0001;

        private static DhcpInformClient Started(Outbox o)
        {
            DhcpInformClient c = new DhcpInformClient(PhoneMac, new SeededRandom(11), "MS-UC-Client");
            c.Start(Phone, 0, 1000, o);
            return c;
        }

        private static DhcpMessage Sent(Outbox o, int i)
        {
            byte[] p = o.DatagramAt(i).Payload;
            DhcpMessage m;
            string reason;
            Assert.IsTrue(DhcpCodec.TryDecode(p, 0, p.Length, out m, out reason), reason);
            return m;
        }

        private static DhcpMessage Reply(DhcpInformClient c, int type)
        {
            DhcpMessage m = new DhcpMessage();
            m.Op = DhcpMessage.OpReply;
            m.Xid = c.Xid;
            m.CiAddr = Phone;
            System.Array.Copy(PhoneMac, m.ChAddr, 6);
            m.SetByte(DhcpOption.MessageType, type);
            m.SetUInt32(DhcpOption.ServerIdentifier, Server);
            return m;
        }

        [TestMethod]
        public void InformCarriesCiaddrVendorClassAndAsksFor43And120()
        {
            Outbox o = new Outbox();
            Started(o);
            Assert.AreEqual(1, o.DatagramCount);
            Assert.AreEqual(Ip4.Broadcast, o.DatagramAt(0).Destination);
            Assert.AreEqual(67, o.DatagramAt(0).DestinationPort);
            DhcpMessage m = Sent(o, 0);
            Assert.AreEqual(DhcpMessageType.Inform, m.MessageType);
            Assert.AreEqual(Phone, m.CiAddr);
            Assert.AreEqual(0, m.Flags);            // unicast reply expected
            Assert.AreEqual(0u, m.YiAddr);
            Assert.IsNull(m.Get(DhcpOption.RequestedAddress));
            Assert.IsNull(m.Get(DhcpOption.LeaseTime));
            Assert.AreEqual("MS-UC-Client", Util.Ascii.Printable(m.Get(DhcpOption.VendorClassIdentifier), 0, 12));
            byte[] prl = m.Get(DhcpOption.ParameterRequestList);
            bool has43 = false, has120 = false;
            for (int i = 0; i < prl.Length; i++) { if (prl[i] == 43) has43 = true; if (prl[i] == 120) has120 = true; }
            Assert.IsTrue(has43 && has120, "option 55 asks for 43 and 120");
        }

        [TestMethod]
        public void RetransmitsThenGivesUpAfterFourSends()
        {
            Outbox o = new Outbox();
            DhcpInformClient c = Started(o);
            long[] nominal = new long[] { 4000, 8000, 16000, 32000 };
            long prev = 1000;
            for (int i = 0; i < nominal.Length; i++)
            {
                long gap = c.NextDeadlineMs - prev;
                Assert.IsTrue(gap >= nominal[i] - 1000 && gap <= nominal[i] + 1000, "gap " + i.ToString() + " = " + gap.ToString());
                prev = c.NextDeadlineMs;
                c.OnDeadline(prev, o);
            }
            Assert.AreEqual(DhcpInformClient.GaveUp, c.State);
            Assert.AreEqual(4, o.DatagramCount);
            Assert.AreEqual(Deadline.None, c.NextDeadlineMs);
            Assert.IsTrue(prev - 1000 >= 56000 && prev - 1000 <= 64000, "gives up about 60 s after the first send");
            for (int i = 1; i < 4; i++) Assert.AreEqual(c.Xid, Sent(o, i).Xid);
        }

        [TestMethod]
        public void AckFromAnySourceIsAcceptedAndNakIgnored()
        {
            Outbox o = new Outbox();
            DhcpInformClient c = Started(o);
            c.OnMessage(Reply(c, DhcpMessageType.Nak), Server, 1100, o);
            Assert.AreEqual(DhcpInformClient.Informing, c.State);
            Assert.AreEqual(1, c.NaksIgnored);
            DhcpMessage other = Reply(c, DhcpMessageType.Ack);
            other.Xid ^= 0x100;
            c.OnMessage(other, Server, 1150, o);
            Assert.AreEqual(DhcpInformClient.Informing, c.State);
            // dnsmasq answers to the INFORM's source address, kea to ciaddr: both reach UDP 68.
            c.OnMessage(Reply(c, DhcpMessageType.Ack), 0x0a4d00fe, 1200, o);
            Assert.AreEqual(DhcpInformClient.Acked, c.State);
            Assert.AreEqual(0x0a4d00feu, c.AckSource);
            Assert.AreEqual(Deadline.None, c.NextDeadlineMs);
        }

        [TestMethod]
        public void UnicastToAConfiguredServer()
        {
            Outbox o = new Outbox();
            DhcpInformClient c = new DhcpInformClient(PhoneMac, new SeededRandom(1), "MS-UC-Client");
            c.Start(Phone, Server, 0, o);
            Assert.AreEqual(Server, o.DatagramAt(0).Destination);
            Expect.ThrowsArgument(delegate { c.Start(0, 0, 0, o); }, "no ciaddr");
        }
    }
}
