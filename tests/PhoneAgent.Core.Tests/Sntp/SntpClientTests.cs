#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Agent;
using PhoneAgent.Core.Sntp;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Sntp
{
    /// <summary>The SNTP client against a reply captured from chrony 4.3 (local stratum 8,
    /// answering on 127.0.0.1 in a namespace) to a request whose transmit timestamp was
    /// 0123456789abcdef: receive eeaddd75.4f180dd9, transmit eeaddd75.4f1cf9e6, i.e.
    /// 2026-11-22 21:30:29.309 UTC.</summary>
    [TestClass]
    public class SntpClientTests
    {
        private const string ChronyReply = "240800e600000000000000007f7f0101eeaddd73e4933e760123456789abcdefeeaddd754f180dd9eeaddd754f1cf9e6";
        private const uint Server = 0x0A4D0001;

        /// <summary>The captured reply with its originate timestamp set to the request's nonce.</summary>
        private static byte[] ReplyTo(Outbox o, string hex)
        {
            byte[] request = o.DatagramAt(o.DatagramCount - 1).Payload;
            byte[] r = Hex.TryParse(hex);
            System.Array.Copy(request, 40, r, 24, 8);
            return r;
        }

        [TestMethod]
        public void TimestampsAndTheRequestFormat()
        {
            string why;
            SntpPacket p = SntpPacket.TryParse(Hex.TryParse(ChronyReply), 48, out why);
            Assert.AreEqual(SntpPacket.ModeServer, p.Mode);
            Assert.AreEqual(8, p.Stratum);
            Assert.AreEqual(1795383029309L, SntpPacket.UnixMs(p.Transmit));
            Assert.AreEqual("23" + new string('0', 78) + "0001020304050607", Hex.Bytes(SntpPacket.Request(0x01020304050607UL)));
            // Era 1 (after 2036-02-07): a high bit of 0 means 2^32 seconds later.
            Assert.AreEqual(2085978496000L, SntpPacket.UnixMs(0x0000000000000000UL));
            Assert.IsNull(SntpPacket.TryParse(new byte[47], 47, out why));
        }

        [TestMethod]
        public void SynchronisesFromTheCapturedReply()
        {
            Outbox o = new Outbox();
            SntpClient c = new SntpClient(new uint[] { Server }, 50123, new SeededRandom(4));
            c.Start(1000, o);
            Assert.AreEqual(1, o.DatagramCount);
            Assert.AreEqual(123, o.DatagramAt(0).DestinationPort);
            byte[] wrong = Hex.TryParse(ChronyReply);                 // originate is not our nonce
            c.OnDatagram(Server, 123, wrong, wrong.Length, 1040);
            Assert.AreEqual(SntpClient.Asking, c.State, "a reply that does not echo our nonce is ignored");
            byte[] r = ReplyTo(o, ChronyReply);
            c.OnDatagram(Server, 123, r, r.Length, 1040);
            Assert.AreEqual(SntpClient.Synchronized, c.State);
            // t3 + (rtt - hold)/2: receive .308, transmit .309, so hold 1 ms; rtt 40 ms: + 19 ms.
            Assert.AreEqual(1795383029309L + 19L, c.UnixMsAt(1040));
            Assert.AreEqual(1795383029309L + 19L + 5000L, c.UnixMsAt(6040));
        }

        [TestMethod]
        public void KissOfDeathAndSilenceAreReportedAndRateLimited()
        {
            Outbox o = new Outbox();
            SntpClient c = new SntpClient(new uint[] { Server, 0x0A4D0002 }, 50123, new SeededRandom(4));
            c.Start(0, o);
            byte[] kod = ReplyTo(o, ChronyReply);
            kod[1] = 0;                                                  // stratum 0
            kod[12] = (byte)'R'; kod[13] = (byte)'A'; kod[14] = (byte)'T'; kod[15] = (byte)'E';
            c.OnDatagram(Server, 123, kod, kod.Length, 10);
            long now = 10;
            for (int guard = 0; guard < 100 && c.State == SntpClient.Asking; guard++)
            {
                now = c.NextDeadlineMs;
                c.Poll(now, o);
            }
            Assert.AreEqual(SntpClient.Failed, c.State);
            Assert.IsTrue(c.Reason.IndexOf("kiss-o'-death (RATE)") >= 0, c.Reason);
            Assert.IsTrue(c.Reason.IndexOf("10.77.0.2 did not answer within 5 s") >= 0, c.Reason);
            // The kissed server is never asked again; the other at most once per 15 s.
            int toFirst = 0;
            for (int i = 0; i < o.DatagramCount; i++)
            {
                if (o.DatagramAt(i).Destination == Server) toFirst++;
            }
            Assert.AreEqual(1, toFirst);
            Assert.AreEqual(3, o.DatagramCount, "1 to the kissed server, 2 rounds to the other");
        }

        [TestMethod]
        public void UnsynchronisedServerIsNotBelieved()
        {
            Outbox o = new Outbox();
            SntpClient c = new SntpClient(new uint[] { Server }, 50123, new SeededRandom(4));
            c.Start(0, o);
            byte[] r = ReplyTo(o, ChronyReply);
            r[0] = (byte)(0xC0 | r[0]);                                  // LI 3: alarm
            c.OnDatagram(Server, 123, r, r.Length, 10);
            Assert.IsFalse(c.State == SntpClient.Synchronized);
            SntpClient none = new SntpClient(new uint[0], 50123, new SeededRandom(4));
            none.Start(0, o);
            Assert.IsTrue(none.Reason.IndexOf("DHCP option 42") >= 0);
        }
    }
}
