#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Tests.Support;

namespace PhoneAgent.Core.Tests.Eap
{
    /// <summary>RFC 5216 §2.1.5 framing: fragment sequences shaped like the captured ones
    /// (tests/vectors/eapol/eap-tls-*.pcap: hostapd sends 2207 octets as L+M 1393, 814;
    /// wpa_supplicant sends 2043 as L+M 1398, 645), one row per malformation, and the bounds.
    /// The captures themselves are replayed by the host test EapTlsPcapTests.</summary>
    [TestClass]
    public class EapTlsFramingTests
    {
        private static byte[] Pattern(int n, int seed)
        {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte)(i * 7 + seed);
            return b;
        }

        /// <summary>Type-Data: flags, optional TLS Message Length, data[from..from+n).</summary>
        private static byte[] Fragment(int flags, long declared, byte[] data, int from, int n)
        {
            bool l = (flags & EapTlsFraming.FlagLengthIncluded) != 0;
            byte[] r = new byte[1 + (l ? 4 : 0) + n];
            r[0] = (byte)flags;
            if (l) PhoneAgent.Core.Util.BigEndian.WriteUInt32(r, 1, (uint)declared);
            System.Array.Copy(data, from, r, l ? 5 : 1, n);
            return r;
        }

        private static int Accept(EapTlsFraming f, byte[] typeData)
        {
            return f.Accept(typeData, 0, typeData.Length);
        }

        [TestMethod]
        public void ReassemblesHostapdsTwoFragments()
        {
            byte[] flight = Pattern(2207, 3);
            EapTlsFraming f = new EapTlsFraming();
            Assert.AreEqual(EapTlsFraming.Start, Accept(f, new byte[] { 0x20 }));
            Assert.AreEqual(EapTlsFraming.NeedAck, Accept(f, Fragment(0xC0, 2207, flight, 0, 1393)));
            Assert.IsTrue(f.Reassembling);
            Expect.Bytes(new byte[] { 0x00 }, EapTlsFraming.Ack(0), "the ACK is a bare Flags octet 0");
            Assert.AreEqual(EapTlsFraming.Complete, Accept(f, Fragment(0x00, 0, flight, 1393, 814)));
            Assert.AreEqual(2, f.FragmentsIn);
            Expect.Bytes(flight, f.TakeMessage(), "reassembled flight");
            Assert.AreEqual(2207L, f.BytesIn);
        }

        [TestMethod]
        public void FragmentsLikeWpaSupplicant()
        {
            byte[] flight = Pattern(2043, 9);
            EapTlsFraming f = new EapTlsFraming(1398, EapTlsFraming.DefaultMaxMessage);
            f.Queue(flight);
            byte[] first = f.NextFragment(0);
            Expect.Bytes(Fragment(0xC0, 2043, flight, 0, 1398), first, "first fragment: L, M, length 2043, 1398 octets");
            Assert.IsTrue(f.Sending);
            Assert.AreEqual(EapTlsFraming.Acknowledged, Accept(f, new byte[] { 0x00 }));
            byte[] second = f.NextFragment(0);
            Expect.Bytes(Fragment(0x00, 0, flight, 1398, 645), second, "last fragment: no flags, 645 octets");
            Assert.IsFalse(f.Sending);
            Expect.Bytes(new byte[] { 0x00 }, f.NextFragment(0), "nothing queued: an ACK");
        }

        [TestMethod]
        public void SmallMtuGivesFiveFragments()
        {
            byte[] flight = Pattern(2043, 1);
            EapTlsFraming f = new EapTlsFraming(500, EapTlsFraming.DefaultMaxMessage);
            f.Queue(flight);
            int sent = 0;
            int count = 0;
            while (true)
            {
                byte[] frag = f.NextFragment(0);
                count++;
                bool first = count == 1;
                int header = first ? 5 : 1;
                Assert.AreEqual(first ? 0xC0 : (f.Sending ? 0x40 : 0x00), (int)frag[0], "flags of fragment " + count.ToString());
                for (int i = header; i < frag.Length; i++) Assert.AreEqual(flight[sent + i - header], frag[i]);
                sent += frag.Length - header;
                if (!f.Sending) break;
                Assert.AreEqual(EapTlsFraming.Acknowledged, Accept(f, new byte[] { 0x00 }));
            }
            Assert.AreEqual(5, count, "500 + 500 + 500 + 500 + 43");
            Assert.AreEqual(2043, sent);
            Assert.AreEqual(2043L, f.BytesOut);
        }

        [TestMethod]
        public void UnfragmentedMessageWithOrWithoutLength()
        {
            byte[] m = Pattern(51, 5);
            EapTlsFraming f = new EapTlsFraming();
            Assert.AreEqual(EapTlsFraming.Complete, Accept(f, Fragment(0x00, 0, m, 0, 51)));
            Expect.Bytes(m, f.TakeMessage(), "plain");
            Assert.AreEqual(EapTlsFraming.Complete, Accept(f, Fragment(0x80, 51, m, 0, 51)));
            Expect.Bytes(m, f.TakeMessage(), "with L");
            Expect.Bytes(Fragment(0x00, 0, m, 0, 51), Queued(m), "short messages go without L");
        }

        private static byte[] Queued(byte[] m)
        {
            EapTlsFraming f = new EapTlsFraming();
            f.Queue(m);
            return f.NextFragment(0);
        }

        [TestMethod]
        public void FragmentsWithoutLengthAreReassembledUpToTheCap()
        {
            // RFC 5216 wants L on the first fragment; FreeRADIUS and hostapd always send it,
            // but a message without it is still taken (as wpa_supplicant does), within the cap.
            byte[] m = Pattern(9000, 2);
            EapTlsFraming f = new EapTlsFraming();
            int at = 0;
            while (at < m.Length)
            {
                int n = m.Length - at > 1000 ? 1000 : m.Length - at;
                bool more = at + n < m.Length;
                Assert.AreEqual(more ? EapTlsFraming.NeedAck : EapTlsFraming.Complete, Accept(f, Fragment(more ? 0x40 : 0, 0, m, at, n)));
                at += n;
            }
            Expect.Bytes(m, f.TakeMessage(), "9000 octets in nine fragments");
        }

        [TestMethod]
        public void PeapVersionBitsAreKeptAndSent()
        {
            EapTlsFraming f = new EapTlsFraming();
            Assert.AreEqual(EapTlsFraming.Start, Accept(f, new byte[] { 0x21 }));
            Assert.AreEqual(1, f.Flags & EapTlsFraming.VersionMask);
            Expect.Bytes(new byte[] { 0x01 }, EapTlsFraming.Ack(1), "ACK with version 1");
            f.Queue(Pattern(10, 0));
            Assert.AreEqual(0x00, (int)f.NextFragment(0)[0], "PEAPv0");
        }

        // ---- malformations: each is reported, none throws --------------------------------

        private static void ExpectMalformed(EapTlsFraming f, byte[] typeData, string what)
        {
            Assert.AreEqual(EapTlsFraming.Malformed, Accept(f, typeData), what);
            Assert.IsTrue(f.Reason.Length > 0, what + ": a reason");
        }

        [TestMethod]
        public void BadFlagsAreMalformed()
        {
            EapTlsFraming f = new EapTlsFraming();
            ExpectMalformed(f, new byte[0], "no Flags octet");
            ExpectMalformed(f, new byte[] { 0x60 }, "S with M");
            ExpectMalformed(f, new byte[] { 0xA0, 0, 0, 0, 0 }, "S with L");
            ExpectMalformed(f, new byte[] { 0x40 }, "M without data");
            ExpectMalformed(f, new byte[] { 0x80, 0, 0 }, "L with 2 of 4 length octets");
            ExpectMalformed(f, new byte[] { 0xC0, 0, 0, 0, 10 }, "L+M without data");
        }

        [TestMethod]
        public void LengthLiesAreMalformed()
        {
            byte[] m = Pattern(3000, 4);
            EapTlsFraming f = new EapTlsFraming();
            ExpectMalformed(f, Fragment(0xC0, 100, m, 0, 1000), "declared 100 but the first fragment has 1000");
            ExpectMalformed(f, Fragment(0x80, 50, m, 0, 51), "unfragmented: declared 50, carries 51");
            ExpectMalformed(f, Fragment(0x80, 52, m, 0, 51), "unfragmented: declared 52, carries 51");

            Assert.AreEqual(EapTlsFraming.NeedAck, Accept(f, Fragment(0xC0, 1500, m, 0, 1000)));
            ExpectMalformed(f, Fragment(0x00, 0, m, 1000, 600), "fragments beyond the declared 1500");
            Assert.IsFalse(f.Reassembling, "the message is abandoned");

            Assert.AreEqual(EapTlsFraming.NeedAck, Accept(f, Fragment(0xC0, 3000, m, 0, 1000)));
            ExpectMalformed(f, Fragment(0x00, 0, m, 1000, 1000), "the last fragment ends at 2000, not 3000");

            Assert.AreEqual(EapTlsFraming.NeedAck, Accept(f, Fragment(0xC0, 3000, m, 0, 1000)));
            ExpectMalformed(f, Fragment(0xC0, 2999, m, 1000, 1000), "the length changes within a message");
        }

        [TestMethod]
        public void OversizeIsTooLarge()
        {
            byte[] m = Pattern(3000, 6);
            EapTlsFraming f = new EapTlsFraming(1398, 2048);
            Assert.AreEqual(EapTlsFraming.TooLarge, Accept(f, Fragment(0xC0, 0xFFFFFFFFL, m, 0, 1000)), "declared 4 GB");
            Assert.IsTrue(f.Reason.IndexOf("4294967295") >= 0, f.Reason);
            Assert.AreEqual(EapTlsFraming.TooLarge, Accept(f, Fragment(0xC0, 3000, m, 0, 1000)), "declared above the cap");
            Assert.AreEqual(EapTlsFraming.TooLarge, Accept(f, Fragment(0x00, 0, m, 0, 3000)), "unfragmented above the cap");
            // Without L the cap is found by counting.
            Assert.AreEqual(EapTlsFraming.NeedAck, Accept(f, Fragment(0x40, 0, m, 0, 1000)));
            Assert.AreEqual(EapTlsFraming.NeedAck, Accept(f, Fragment(0x40, 0, m, 1000, 1000)));
            Assert.AreEqual(EapTlsFraming.TooLarge, Accept(f, Fragment(0x40, 0, m, 2000, 1000)), "2000 + 1000 > 2048");
            Assert.IsFalse(f.Reassembling);
        }

        [TestMethod]
        public void DataWhileWeStillSendIsMalformed()
        {
            EapTlsFraming f = new EapTlsFraming(500, EapTlsFraming.DefaultMaxMessage);
            f.Queue(Pattern(1200, 0));
            f.NextFragment(0);
            ExpectMalformed(f, new byte[] { 0x00, 0x16, 0x03, 0x03 }, "the server sent data instead of an ACK");
            Assert.IsTrue(f.Sending, "still waiting for the ACK");
            Assert.AreEqual(EapTlsFraming.Acknowledged, Accept(f, new byte[] { 0x00 }));
        }

        [TestMethod]
        public void StartDropsWhatWasInFlight()
        {
            byte[] m = Pattern(3000, 8);
            EapTlsFraming f = new EapTlsFraming();
            Assert.AreEqual(EapTlsFraming.NeedAck, Accept(f, Fragment(0xC0, 3000, m, 0, 1000)));
            Assert.AreEqual(EapTlsFraming.Start, Accept(f, new byte[] { 0x20 }));
            Assert.IsFalse(f.Reassembling);
            Assert.AreEqual(EapTlsFraming.Complete, Accept(f, Fragment(0x00, 0, m, 0, 10)));
            Assert.AreEqual(10, f.TakeMessage().Length);
        }

        [TestMethod]
        public void SeededMutationsNeverThrow()
        {
            SeededRandom r = new SeededRandom(0x5216);
            byte[] m = Pattern(2207, 3);
            byte[][] good = new byte[][] { Fragment(0xC0, 2207, m, 0, 1393), Fragment(0x00, 0, m, 1393, 814), new byte[] { 0x20 }, new byte[] { 0x00 } };
            EapTlsFraming f = new EapTlsFraming(1398, 4096);
            for (int i = 0; i < 2000; i++)
            {
                byte[] src = good[i % good.Length];
                int n = r.Next(src.Length + 1);
                byte[] b = new byte[n];
                System.Array.Copy(src, 0, b, 0, n);
                if (n > 0) b[r.Next(n)] ^= (byte)(1 + r.Next(255));
                int result = f.Accept(b, 0, b.Length);
                Assert.IsTrue(result >= EapTlsFraming.Malformed && result <= EapTlsFraming.TooLarge);
                if (result == EapTlsFraming.Complete) Assert.IsTrue(f.TakeMessage().Length <= 4096);
                if (f.Sending) f.Queue(null);
            }
        }
    }
}
