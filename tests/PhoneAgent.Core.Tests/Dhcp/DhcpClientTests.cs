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
    /// <summary>The RFC 2131 §4.4 client machine on virtual time: the test plays the server.</summary>
    [TestClass]
    public class DhcpClientTests
    {
        private static readonly byte[] PhoneMac = new byte[] { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 };
        private const uint Server = 0x0a4d0001;  // 10.77.0.1
        private const uint Offered = 0x0a4d0064; // 10.77.0.100

        private static DhcpClient NewClient()
        {
            return new DhcpClient(PhoneMac, new SeededRandom(7), "desk-1", "PhoneAgent");
        }

        private static DhcpMessage LastSent(Outbox o)
        {
            OutDatagram d = o.DatagramAt(o.DatagramCount - 1);
            DhcpMessage m;
            string reason;
            Assert.IsTrue(DhcpCodec.TryDecode(d.Payload, 0, d.Payload.Length, out m, out reason), "client sent an undecodable message");
            return m;
        }

        private static DhcpMessage Reply(DhcpClient c, int type, uint lease)
        {
            DhcpMessage m = new DhcpMessage();
            m.Op = DhcpMessage.OpReply;
            m.Xid = c.Xid;
            System.Array.Copy(PhoneMac, m.ChAddr, 6);
            m.YiAddr = Offered;
            m.SetByte(DhcpOption.MessageType, type);
            m.SetUInt32(DhcpOption.ServerIdentifier, Server);
            if (lease > 0) m.SetUInt32(DhcpOption.LeaseTime, lease);
            m.SetUInt32(DhcpOption.SubnetMask, 0xffffff00);
            // Round-trip through the codec, as on the wire.
            byte[] wire = DhcpCodec.Encode(m);
            DhcpMessage back;
            string reason;
            DhcpCodec.TryDecode(wire, 0, wire.Length, out back, out reason);
            return back;
        }

        private static DhcpClient Bound(Outbox o, uint lease)
        {
            DhcpClient c = NewClient();
            c.Start(0, o);
            c.OnMessage(Reply(c, DhcpMessageType.Offer, lease), 100, o);
            c.OnMessage(Reply(c, DhcpMessageType.Ack, lease), 200, o);
            Assert.AreEqual(DhcpClientState.Bound, c.State);
            return c;
        }

        [TestMethod]
        public void StartBroadcastsDiscoverWithClientIdentity()
        {
            Outbox o = new Outbox();
            DhcpClient c = NewClient();
            c.Start(0, o);
            Assert.AreEqual(DhcpClientState.Selecting, c.State);
            Assert.AreEqual(1, o.DatagramCount);
            OutDatagram d = o.DatagramAt(0);
            Assert.AreEqual(Ip4.Broadcast, d.Destination);
            Assert.AreEqual(67, d.DestinationPort);
            Assert.AreEqual(68, d.LocalPort);
            DhcpMessage m = LastSent(o);
            Assert.AreEqual(DhcpMessageType.Discover, m.MessageType);
            Assert.AreEqual(c.Xid, m.Xid);
            Assert.AreEqual((int)DhcpMessage.FlagBroadcast, m.Flags);
            Assert.AreEqual(7, m.Get(DhcpOption.ClientIdentifier).Length);
            Assert.AreEqual("desk-1", Util.Ascii.Printable(m.Get(DhcpOption.HostName), 0, 6));
        }

        [TestMethod]
        public void DiscoverBackoffIs4To64SecondsWithJitter()
        {
            // RFC 2131 §4.1: 4, 8, 16, 32, 64 s, each randomised by ±1 s, then stays at 64 s.
            Outbox o = new Outbox();
            DhcpClient c = NewClient();
            c.Start(0, o);
            long[] nominal = new long[] { 4000, 8000, 16000, 32000, 64000, 64000, 64000 };
            long prev = 0;
            for (int i = 0; i < nominal.Length; i++)
            {
                long next = c.NextDeadlineMs;
                long gap = next - prev;
                Assert.IsTrue(gap >= nominal[i] - 1000 && gap <= nominal[i] + 1000,
                    "retransmission " + (i + 1).ToString() + " after " + gap.ToString() + " ms");
                c.OnDeadline(next - 1, o); // early: nothing happens
                Assert.AreEqual(i + 1, o.DatagramCount);
                c.OnDeadline(next, o);
                Assert.AreEqual(i + 2, o.DatagramCount);
                prev = next;
            }
            Assert.AreEqual(8, c.DiscoversWithoutOffer);
        }

        [TestMethod]
        public void NoServerIsReportedAfterFourDiscoversOnce()
        {
            Outbox o = new Outbox();
            DhcpClient c = NewClient();
            c.Start(0, o);
            int reported = 0;
            for (int i = 0; i < 8; i++)
            {
                o.Clear();
                long at = c.NextDeadlineMs;
                c.OnDeadline(at, o);
                for (int n = 0; n < o.NoteCount; n++)
                {
                    if (o.NoteAt(n).Text.IndexOf("no DHCPOFFER after 4 DHCPDISCOVERs") < 0) continue;
                    reported++;
                    Assert.AreEqual(3, i, "reported at the 4th retransmission timer");
                    Assert.IsTrue(at >= 56000 && at <= 64000, "about 60 s after the first DISCOVER");
                }
            }
            Assert.AreEqual(1, reported);
        }

        [TestMethod]
        public void OfferLeadsToRequestForThatAddressFromThatServer()
        {
            Outbox o = new Outbox();
            DhcpClient c = NewClient();
            c.Start(0, o);
            c.OnMessage(Reply(c, DhcpMessageType.Offer, 3600), 500, o);
            Assert.AreEqual(DhcpClientState.Requesting, c.State);
            DhcpMessage req = LastSent(o);
            Assert.AreEqual(DhcpMessageType.Request, req.MessageType);
            uint v;
            Assert.IsTrue(req.TryGetUInt32(DhcpOption.RequestedAddress, out v));
            Assert.AreEqual(Offered, v);
            Assert.IsTrue(req.TryGetUInt32(DhcpOption.ServerIdentifier, out v));
            Assert.AreEqual(Server, v);
            Assert.AreEqual(0u, req.CiAddr);
        }

        [TestMethod]
        public void RepliesForOtherTransactionsOrClientsAreIgnored()
        {
            Outbox o = new Outbox();
            DhcpClient c = NewClient();
            c.Start(0, o);
            DhcpMessage wrongXid = Reply(c, DhcpMessageType.Offer, 3600);
            wrongXid.Xid ^= 1;
            c.OnMessage(wrongXid, 10, o);
            DhcpMessage otherMac = Reply(c, DhcpMessageType.Offer, 3600);
            otherMac.ChAddr[5] ^= 1;
            c.OnMessage(otherMac, 10, o);
            DhcpMessage ackInSelecting = Reply(c, DhcpMessageType.Ack, 3600);
            c.OnMessage(ackInSelecting, 10, o);
            Assert.AreEqual(DhcpClientState.Selecting, c.State);
            Assert.AreEqual(1, o.DatagramCount);
        }

        [TestMethod]
        public void AckBindsWithDefaultT1AndT2()
        {
            Outbox o = new Outbox();
            DhcpClient c = Bound(o, 3600);
            Assert.AreEqual(Offered, c.Lease.Address);
            Assert.AreEqual(1800u, c.Lease.RenewalSeconds);   // 0.5 × lease
            Assert.AreEqual(3150u, c.Lease.RebindingSeconds); // 0.875 × lease
            Assert.AreEqual(200 + 1800000L, c.NextDeadlineMs);
            Assert.AreEqual(24, c.Lease.PrefixLength);
        }

        [TestMethod]
        public void RenewingUnicastsThenRebindingBroadcastsThenLeaseExpires()
        {
            Outbox o = new Outbox();
            DhcpClient c = Bound(o, 3600);
            o.Clear();
            c.OnDeadline(c.NextDeadlineMs, o); // T1
            Assert.AreEqual(DhcpClientState.Renewing, c.State);
            Assert.AreEqual(Server, o.DatagramAt(0).Destination);
            Assert.AreEqual(Offered, LastSent(o).CiAddr);
            Assert.IsNull(LastSent(o).Get(DhcpOption.ServerIdentifier));
            // Retransmissions while renewing: half the time left to T2, at least 60 s.
            long t2 = 200 + 3150000L;
            int guard = 0;
            while (c.State == DhcpClientState.Renewing && guard++ < 100) c.OnDeadline(c.NextDeadlineMs, o);
            Assert.AreEqual(DhcpClientState.Rebinding, c.State);
            Assert.IsTrue(guard < 100, "renewing must reach T2 in a bounded number of steps");
            Assert.AreEqual(Ip4.Broadcast, o.DatagramAt(o.DatagramCount - 1).Destination);
            guard = 0;
            while (c.State == DhcpClientState.Rebinding && guard++ < 100) c.OnDeadline(c.NextDeadlineMs, o);
            Assert.AreEqual(DhcpClientState.Selecting, c.State); // lease expired: INIT, new DISCOVER
            Assert.IsNull(c.Lease);
            Assert.IsTrue(c.NextDeadlineMs > t2);
        }

        [TestMethod]
        public void AckWhileRenewingExtendsTheLease()
        {
            Outbox o = new Outbox();
            DhcpClient c = Bound(o, 3600);
            int version = c.LeaseVersion;
            long t1 = c.NextDeadlineMs;
            c.OnDeadline(t1, o);
            c.OnMessage(Reply(c, DhcpMessageType.Ack, 3600), t1 + 50, o);
            Assert.AreEqual(DhcpClientState.Bound, c.State);
            Assert.AreEqual(version + 1, c.LeaseVersion);
            Assert.AreEqual(t1 + 50 + 1800000L, c.NextDeadlineMs);
        }

        [TestMethod]
        public void NakRestartsFromInit()
        {
            Outbox o = new Outbox();
            DhcpClient c = NewClient();
            c.Start(0, o);
            c.OnMessage(Reply(c, DhcpMessageType.Offer, 3600), 100, o);
            uint oldXid = c.Xid;
            c.OnMessage(Reply(c, DhcpMessageType.Nak, 0), 200, o);
            Assert.AreEqual(DhcpClientState.Selecting, c.State);
            Assert.IsTrue(oldXid != c.Xid, "a new transaction id after NAK");
            Assert.AreEqual(DhcpMessageType.Discover, LastSent(o).MessageType);
        }

        [TestMethod]
        public void InitRebootAsksForThePreviousAddress()
        {
            // RFC 2131 §4.3.2 table 4, INIT-REBOOT: option 50 set, no server identifier, ciaddr 0, broadcast.
            Outbox o = new Outbox();
            DhcpClient c = NewClient();
            c.StartWithPrevious(Offered, 0, o);
            Assert.AreEqual(DhcpClientState.Rebooting, c.State);
            DhcpMessage req = LastSent(o);
            Assert.AreEqual(DhcpMessageType.Request, req.MessageType);
            uint v;
            Assert.IsTrue(req.TryGetUInt32(DhcpOption.RequestedAddress, out v));
            Assert.AreEqual(Offered, v);
            Assert.IsNull(req.Get(DhcpOption.ServerIdentifier));
            Assert.AreEqual(0u, req.CiAddr);
            Assert.AreEqual(Ip4.Broadcast, o.DatagramAt(0).Destination);
            c.OnMessage(Reply(c, DhcpMessageType.Ack, 3600), 50, o);
            Assert.AreEqual(DhcpClientState.Bound, c.State);
            Assert.AreEqual(Offered, c.Lease.Address);
        }

        [TestMethod]
        public void InitRebootNakOrSilenceFallsBackToInit()
        {
            Outbox o = new Outbox();
            DhcpClient c = NewClient();
            c.StartWithPrevious(Offered, 0, o);
            c.OnMessage(Reply(c, DhcpMessageType.Nak, 0), 10, o);
            Assert.AreEqual(DhcpClientState.Selecting, c.State);
            Outbox o2 = new Outbox();
            DhcpClient quiet = NewClient();
            quiet.StartWithPrevious(Offered, 0, o2);
            for (int i = 0; i < DhcpClient.MaxRequestSends; i++) quiet.OnDeadline(quiet.NextDeadlineMs, o2);
            Assert.AreEqual(DhcpClientState.Selecting, quiet.State);
        }

        [TestMethod]
        public void ConflictSendsDeclineAndRestartsAfterTenSeconds()
        {
            Outbox o = new Outbox();
            DhcpClient c = Bound(o, 3600);
            o.Clear();
            c.ReportConflict(1000, o);
            // RFC 2131 table 5, DHCPDECLINE: option 50 = the address, 54 = the server, ciaddr 0, broadcast.
            DhcpMessage d = LastSent(o);
            Assert.AreEqual(DhcpMessageType.Decline, d.MessageType);
            uint v;
            Assert.IsTrue(d.TryGetUInt32(DhcpOption.RequestedAddress, out v));
            Assert.AreEqual(Offered, v);
            Assert.IsTrue(d.TryGetUInt32(DhcpOption.ServerIdentifier, out v));
            Assert.AreEqual(Server, v);
            Assert.AreEqual(0u, d.CiAddr);
            Assert.IsNull(d.Get(DhcpOption.ParameterRequestList));
            Assert.IsNull(c.Lease);
            Assert.AreEqual(1000 + 10000L, c.NextDeadlineMs);
            c.OnDeadline(c.NextDeadlineMs, o);
            Assert.AreEqual(DhcpClientState.Selecting, c.State);
            Assert.AreEqual(DhcpMessageType.Discover, LastSent(o).MessageType);
        }

        [TestMethod]
        public void ReleaseIsUnicastToTheServerWithCiaddr()
        {
            Outbox o = new Outbox();
            DhcpClient c = Bound(o, 3600);
            o.Clear();
            c.Release(5000, o);
            Assert.AreEqual(1, o.DatagramCount);
            Assert.AreEqual(Server, o.DatagramAt(0).Destination);
            DhcpMessage r = LastSent(o);
            Assert.AreEqual(DhcpMessageType.Release, r.MessageType);
            Assert.AreEqual(Offered, r.CiAddr);
            uint v;
            Assert.IsTrue(r.TryGetUInt32(DhcpOption.ServerIdentifier, out v));
            Assert.AreEqual(Server, v);
            Assert.AreEqual(DhcpClientState.Stopped, c.State);
            Assert.AreEqual(Deadline.None, c.NextDeadlineMs);
            o.Clear();
            c.Release(6000, o); // nothing left to release
            Assert.AreEqual(0, o.DatagramCount);
        }

        [TestMethod]
        public void EveryClientMessageTypeRoundTrips()
        {
            // DISCOVER, REQUEST (selecting, renewing, init-reboot), DECLINE, RELEASE: decode(encode(m)) re-encodes identically.
            Outbox o = new Outbox();
            DhcpClient c = NewClient();
            c.Start(0, o);
            c.OnMessage(Reply(c, DhcpMessageType.Offer, 3600), 1, o);
            c.OnMessage(Reply(c, DhcpMessageType.Ack, 3600), 2, o);
            c.OnDeadline(c.NextDeadlineMs, o);
            c.ReportConflict(c.NextDeadlineMs, o);
            c.StartWithPrevious(Offered, 3, o);
            c.OnMessage(Reply(c, DhcpMessageType.Ack, 3600), 4, o);
            c.Release(5, o);
            Assert.IsTrue(o.DatagramCount >= 6);
            for (int i = 0; i < o.DatagramCount; i++)
            {
                byte[] wire = o.DatagramAt(i).Payload;
                DhcpMessage m;
                string reason;
                Assert.IsTrue(DhcpCodec.TryDecode(wire, 0, wire.Length, out m, out reason), reason);
                Expect.Bytes(wire, DhcpCodec.Encode(m), DhcpMessageType.Name(m.MessageType) + " round trip");
            }
        }

        [TestMethod]
        public void UnansweredRequestsReturnToInit()
        {
            Outbox o = new Outbox();
            DhcpClient c = NewClient();
            c.Start(0, o);
            c.OnMessage(Reply(c, DhcpMessageType.Offer, 3600), 100, o);
            for (int i = 0; i < DhcpClient.MaxRequestSends; i++) c.OnDeadline(c.NextDeadlineMs, o);
            Assert.AreEqual(DhcpClientState.Selecting, c.State);
        }
    }
}
