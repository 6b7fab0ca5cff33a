#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Tests.Support;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.Dhcp
{
    [TestClass]
    public class DhcpCodecTests
    {
        private static DhcpMessage Decode(byte[] b)
        {
            DhcpMessage m;
            string reason;
            Assert.IsTrue(DhcpCodec.TryDecode(b, 0, b.Length, out m, out reason), "decode failed: " + reason);
            return m;
        }

        [TestMethod]
        public void DnsmasqAckDecodesEveryField()
        {
            DhcpMessage m = Decode(Hex.TryParse(DhcpVectors.Ack));
            Assert.AreEqual(DhcpMessage.OpReply, m.Op);
            Assert.AreEqual(0xb68d76ffu, m.Xid);
            Assert.AreEqual(0x0a4d0077u, m.YiAddr);           // 10.77.0.119
            Assert.AreEqual(DhcpMessageType.Ack, m.MessageType);
            uint v;
            Assert.IsTrue(m.TryGetUInt32(DhcpOption.ServerIdentifier, out v));
            Assert.AreEqual(0x0a4d0001u, v);                    // 10.77.0.1
            Assert.IsTrue(m.TryGetUInt32(DhcpOption.LeaseTime, out v));
            Assert.AreEqual(3600u, v);
            Assert.IsTrue(m.TryGetUInt32(DhcpOption.RenewalTime, out v));
            Assert.AreEqual(1800u, v);
            Assert.IsTrue(m.TryGetUInt32(DhcpOption.RebindingTime, out v));
            Assert.AreEqual(3150u, v);
            Assert.IsTrue(m.TryGetUInt32(DhcpOption.SubnetMask, out v));
            Assert.AreEqual(0xffffff00u, v);
            Assert.AreEqual(15, m.Get(DhcpOption.SipServers).Length);
            Assert.AreEqual(80, m.Get(DhcpOption.VendorSpecific).Length);
            Assert.AreEqual("", m.SName);
            Assert.AreEqual("", m.File);
        }

        [TestMethod]
        public void RealMessagesRoundTripByteForByte()
        {
            byte[] ack = Hex.TryParse(DhcpVectors.Ack);
            Expect.Bytes(ack, DhcpCodec.Encode(Decode(ack)), "ACK re-encoded");
            byte[] discover = Hex.TryParse(DhcpVectors.Discover);
            Expect.Bytes(discover, DhcpCodec.Encode(Decode(discover)), "DISCOVER re-encoded");
        }

        [TestMethod]
        public void LongOptionIsSplitAndConcatenated()
        {
            // RFC 3396 §5: a value over 255 bytes is sent as consecutive instances of the option.
            DhcpMessage m = new DhcpMessage();
            m.Op = DhcpMessage.OpRequest;
            byte[] big = new byte[600];
            for (int i = 0; i < big.Length; i++) big[i] = (byte)i;
            m.Set(DhcpOption.VendorSpecific, big);
            m.SetByte(DhcpOption.MessageType, DhcpMessageType.Inform);
            byte[] wire = DhcpCodec.Encode(m);
            Assert.AreEqual(DhcpOption.VendorSpecific, (int)wire[240]);
            Assert.AreEqual(255, (int)wire[241]);
            Expect.Bytes(big, Decode(wire).Get(DhcpOption.VendorSpecific), "concatenated option 43");
        }

        [TestMethod]
        public void OverloadedFileFieldIsRead()
        {
            // RFC 2132 §9.3: option 52 = 1 says the file field carries options too.
            DhcpMessage m = new DhcpMessage();
            m.Op = DhcpMessage.OpReply;
            m.SetByte(DhcpOption.MessageType, DhcpMessageType.Ack);
            m.SetByte(DhcpOption.Overload, 1);
            byte[] wire = DhcpCodec.Encode(m);
            wire[108] = DhcpOption.DomainName;
            wire[109] = 3;
            wire[110] = (byte)'l'; wire[111] = (byte)'a'; wire[112] = (byte)'b';
            wire[113] = DhcpOption.End;
            DhcpMessage d = Decode(wire);
            Assert.AreEqual(3, d.Get(DhcpOption.DomainName).Length);
            Assert.AreEqual("", d.File);
        }

        [TestMethod]
        public void MalformedInputIsRefusedWithAReason()
        {
            byte[] ack = Hex.TryParse(DhcpVectors.Ack);
            DhcpMessage m;
            string reason;

            Assert.IsFalse(DhcpCodec.TryDecode(ack, 0, 239, out m, out reason), "truncated header");
            Assert.IsNotNull(reason);

            byte[] badCookie = Copy(ack);
            badCookie[236] = 0x64;
            Assert.IsFalse(DhcpCodec.TryDecode(badCookie, 0, badCookie.Length, out m, out reason), "cookie");
            Expect.Contains(reason, "cookie", "reason");

            byte[] pastEnd = Copy(ack);
            pastEnd[241] = 200; // option 53's length now runs beyond the message
            Assert.IsFalse(DhcpCodec.TryDecode(pastEnd, 0, 260, out m, out reason), "length past the end");

            byte[] badOp = Copy(ack);
            badOp[0] = 7;
            Assert.IsFalse(DhcpCodec.TryDecode(badOp, 0, badOp.Length, out m, out reason), "op");

            byte[] overloadLoop = Copy(ack);
            // Replace option 53 with 52 = 3 (file and sname) whose fields hold another 52: parsed once each, no loop.
            overloadLoop[240] = DhcpOption.Overload; overloadLoop[241] = 1; overloadLoop[242] = 3;
            overloadLoop[44] = DhcpOption.Overload; overloadLoop[45] = 1; overloadLoop[46] = 3;
            overloadLoop[108] = DhcpOption.Overload; overloadLoop[109] = 1; overloadLoop[110] = 3;
            Assert.IsFalse(DhcpCodec.TryDecode(overloadLoop, 0, overloadLoop.Length, out m, out reason), "repeated overload");

            byte[] huge = new byte[DhcpCodec.MaxMessageLength + 1];
            Assert.IsFalse(DhcpCodec.TryDecode(huge, 0, huge.Length, out m, out reason), "oversized");
        }

        [TestMethod]
        public void EveryTruncationFailsCleanly()
        {
            byte[] ack = Hex.TryParse(DhcpVectors.Ack);
            DhcpMessage m;
            string reason;
            int accepted = 0;
            for (int n = 0; n < ack.Length; n++)
            {
                if (DhcpCodec.TryDecode(ack, 0, n, out m, out reason)) accepted++;
            }
            // Truncations that end exactly on an option boundary are still well-formed.
            Assert.IsTrue(accepted < ack.Length - 240, "most truncations must be refused");
        }

        [TestMethod]
        public void CapturedOfferAndRequestRoundTrip()
        {
            byte[] offer = Hex.TryParse(DhcpVectors.Offer);
            DhcpMessage o = Decode(offer);
            Assert.AreEqual(DhcpMessageType.Offer, o.MessageType);
            Assert.AreEqual(0x0a4d0077u, o.YiAddr);
            Expect.Bytes(offer, DhcpCodec.Encode(o), "OFFER");
            byte[] request = Hex.TryParse(DhcpVectors.Request);
            DhcpMessage r = Decode(request);
            Assert.AreEqual(DhcpMessageType.Request, r.MessageType);
            uint v;
            Assert.IsTrue(r.TryGetUInt32(DhcpOption.RequestedAddress, out v));
            Assert.AreEqual(0x0a4d0077u, v);
            Expect.Bytes(request, DhcpCodec.Encode(r), "REQUEST");
        }

        [TestMethod]
        public void ZeroLengthAndRepeatedOptions()
        {
            DhcpMessage m = new DhcpMessage();
            m.Op = DhcpMessage.OpReply;
            m.SetByte(DhcpOption.MessageType, DhcpMessageType.Ack);
            byte[] wire = DhcpCodec.Encode(m);
            // After 53: option 12 with length 0, then option 15 split in two instances (RFC 3396).
            int p = 243;
            wire[p++] = DhcpOption.HostName; wire[p++] = 0;
            wire[p++] = DhcpOption.DomainName; wire[p++] = 2; wire[p++] = (byte)'l'; wire[p++] = (byte)'a';
            wire[p++] = DhcpOption.DomainName; wire[p++] = 1; wire[p++] = (byte)'b';
            wire[p] = DhcpOption.End;
            DhcpMessage d = Decode(wire);
            Assert.AreEqual(0, d.Get(DhcpOption.HostName).Length);
            Assert.AreEqual("lab", Ascii.Printable(d.Get(DhcpOption.DomainName), 0, 3));
            // A repeated message type concatenates to 2 bytes: no longer a valid message type.
            wire[p++] = DhcpOption.MessageType; wire[p++] = 1; wire[p++] = 5; wire[p] = DhcpOption.End;
            Assert.AreEqual(0, Decode(wire).MessageType);
        }

        [TestMethod]
        public void CallerMistakesThrow()
        {
            Expect.ThrowsArgument(delegate { DhcpMessage m; string r; DhcpCodec.TryDecode(new byte[10], 5, 10, out m, out r); }, "count past buffer");
            Expect.ThrowsArgument(delegate { new DhcpMessage().Set(0, new byte[1]); }, "pad is not an option");
            Expect.ThrowsArgument(delegate { new DhcpMessage().Set(255, new byte[1]); }, "end is not an option");
        }

        private static byte[] Copy(byte[] b)
        {
            byte[] c = new byte[b.Length];
            System.Array.Copy(b, c, b.Length);
            return c;
        }
    }
}
