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
    /// <summary>Options 43 (MS-UC-Client) and 120 (RFC 3361) from real dnsmasq and kea captures,
    /// round trips of every captured message, and one row per malformation.</summary>
    [TestClass]
    public class InformOptionTests
    {
        private const string Url = "https://web.lab.test:443/CertProv/CertProvisioningService.svc";

        private static DhcpMessage Decode(string hex)
        {
            byte[] b = Hex.TryParse(hex);
            DhcpMessage m;
            string reason;
            Assert.IsTrue(DhcpCodec.TryDecode(b, 0, b.Length, out m, out reason), reason);
            return m;
        }

        private static MsUcClientOption Option43(DhcpMessage m)
        {
            MsUcClientOption o;
            string reason;
            Assert.IsTrue(MsUcClientOption.TryDecode(m.Get(DhcpOption.VendorSpecific), out o, out reason), reason);
            return o;
        }

        [TestMethod]
        public void DnsmasqAndKeaOption43DecodeIdentically()
        {
            // dnsmasq sends sub-options 5..1 and a trailing 0xFF; kea 1..5 without it.
            MsUcClientOption d = Option43(Decode(DhcpVectors.DnsmasqInformAck));
            MsUcClientOption k = Option43(Decode(DhcpVectors.KeaInformAck));
            MsUcClientOption[] both = new MsUcClientOption[] { d, k };
            for (int i = 0; i < 2; i++)
            {
                Assert.AreEqual("MS-UC-Client", both[i].UcIdentifier);
                Assert.AreEqual("https", both[i].UrlScheme);
                Assert.AreEqual("web.lab.test", both[i].WebServerFqdn);
                Assert.AreEqual("443", both[i].WebServerPort);
                Assert.AreEqual("/CertProv/CertProvisioningService.svc", both[i].RelativePath);
                Assert.AreEqual(Url, both[i].Url);
            }
        }

        [TestMethod]
        public void KeaOption43ReEncodesByteForByte()
        {
            DhcpMessage k = Decode(DhcpVectors.KeaInformAck);
            Expect.Bytes(k.Get(DhcpOption.VendorSpecific), Option43(k).Encode(), "option 43 in kea's order");
        }

        [TestMethod]
        public void Option120NamesFromBothServers()
        {
            string[] acks = new string[] { DhcpVectors.DnsmasqInformAck, DhcpVectors.KeaInformAck, DhcpVectors.Ack };
            for (int i = 0; i < acks.Length; i++)
            {
                SipServersOption o;
                string reason;
                byte[] v = Decode(acks[i]).Get(DhcpOption.SipServers);
                Assert.IsTrue(SipServersOption.TryDecode(v, out o, out reason), reason);
                Assert.AreEqual(SipServersOption.EncodingNames, o.Encoding);
                Assert.AreEqual(1, o.Count);
                Assert.AreEqual("sip.lab.test", o.Names[0]);
                Expect.Bytes(v, SipServersOption.EncodeNames(o.Names), "option 120 re-encoded");
            }
        }

        [TestMethod]
        public void Option120Addresses()
        {
            // RFC 3361 §3.2 example shape: encoding 1, then IPv4 addresses.
            byte[] v = new byte[] { 1, 10, 77, 0, 5, 10, 77, 0, 6 };
            SipServersOption o;
            string reason;
            Assert.IsTrue(SipServersOption.TryDecode(v, out o, out reason), reason);
            Assert.AreEqual(2, o.Count);
            Assert.AreEqual("10.77.0.5, 10.77.0.6", o.Describe());
            Expect.Bytes(v, SipServersOption.EncodeAddresses(o.Addresses), "addresses re-encoded");
            byte[] two = new byte[] { 0, 3, (byte)'a', (byte)'b', (byte)'c', 0, 1, (byte)'x', 0 };
            Assert.IsTrue(SipServersOption.TryDecode(two, out o, out reason), reason);
            Assert.AreEqual("abc, x", o.Describe());
        }

        [TestMethod]
        public void EveryCapturedServerReplyRoundTripsByteForByte()
        {
            string[] replies = new string[] { DhcpVectors.DnsmasqInformAck, DhcpVectors.KeaInformAck };
            for (int i = 0; i < replies.Length; i++)
            {
                byte[] wire = Hex.TryParse(replies[i]);
                Expect.Bytes(wire, DhcpCodec.Encode(Decode(replies[i])), "reply " + i.ToString());
            }
            // dnsmasq's client padded its INFORM to 300 bytes, as the encoder does.
            byte[] inform = Hex.TryParse(DhcpVectors.DnsmasqInform);
            Expect.Bytes(inform, DhcpCodec.Encode(Decode(DhcpVectors.DnsmasqInform)), "dnsmasq lab INFORM");
        }

        [TestMethod]
        public void InformsCarryCiaddrAndVendorClass()
        {
            DhcpMessage d = Decode(DhcpVectors.DnsmasqInform);
            Assert.AreEqual(DhcpMessageType.Inform, d.MessageType);
            Assert.AreEqual(0x0a4d0077u, d.CiAddr);
            DhcpMessage k = Decode(DhcpVectors.KeaInform);
            Assert.AreEqual(0x0a4d0032u, k.CiAddr);
            Assert.AreEqual("MS-UC-Client", Ascii.Printable(k.Get(DhcpOption.VendorClassIdentifier), 0, 12));
            // The scapy INFORM is 263 bytes; the encoder pads to 300, so compare by content.
            DhcpMessage again = Decode(Hex.Bytes(DhcpCodec.Encode(k)));
            Assert.AreEqual(k.OptionCount, again.OptionCount);
            Assert.AreEqual(k.Xid, again.Xid);
        }

        [TestMethod]
        public void Option43Malformations()
        {
            MsUcClientOption o;
            string reason;
            Assert.IsFalse(MsUcClientOption.TryDecode(Hex.TryParse("0105414243"), out o, out reason), "sub-option 1 says 5 bytes, 3 follow");
            Assert.IsFalse(MsUcClientOption.TryDecode(Hex.TryParse("01"), out o, out reason), "code without length");
            Assert.IsFalse(MsUcClientOption.TryDecode(Hex.TryParse("010141010142"), out o, out reason), "repeated");
            Expect.Contains(reason, "repeated", "reason");
            Assert.IsFalse(MsUcClientOption.TryDecode(Hex.TryParse("0302410a"), out o, out reason), "control character");
            // Unknown sub-options, pads and an early end are fine; missing ones are reported.
            Assert.IsTrue(MsUcClientOption.TryDecode(Hex.TryParse("0009016100020168ff0301"), out o, out reason), reason);
            Assert.AreEqual("h", o.UrlScheme);
            Assert.IsFalse(o.IsComplete);
            Assert.AreEqual("", o.Url);
            Expect.Contains(o.Missing, "3 (web server FQDN)", "missing");
            Assert.IsTrue(MsUcClientOption.TryDecode(new byte[0], out o, out reason), "empty option 43 decodes to nothing");
        }

        [TestMethod]
        public void Option120Malformations()
        {
            string[] bad = new string[]
            {
                "00",                       // encoding only
                "02c0a80001",               // encoding 2 does not exist
                "010a4d00",                 // 1 + 3 bytes, not 1 + 4n
                "0003736970",               // name without root label
                "0003736970c00c",           // compression pointer
                "0005736970",               // label runs past the end
                "0000",                     // empty name
                "0003732e7000",             // '.' inside a label
            };
            for (int i = 0; i < bad.Length; i++)
            {
                SipServersOption o;
                string reason;
                Assert.IsFalse(SipServersOption.TryDecode(Hex.TryParse(bad[i]), out o, out reason), "row " + i.ToString() + " accepted");
                Assert.IsNotNull(reason);
            }
        }

        [TestMethod]
        public void OptionsTheIssueNamesAreShownReadably()
        {
            // 1, 3, 6, 15, 42, 51, 54, 58, 59, 66, 150 (RFC 2132, RFC 5859), plus a malformed one.
            Assert.AreEqual("255.255.255.0", DhcpOptionText.Value(1, new byte[] { 255, 255, 255, 0 }));
            Assert.AreEqual("10.77.0.1, 10.77.0.2", DhcpOptionText.Value(3, new byte[] { 10, 77, 0, 1, 10, 77, 0, 2 }));
            Assert.AreEqual("10.77.0.53", DhcpOptionText.Value(6, new byte[] { 10, 77, 0, 53 }));
            Assert.AreEqual("\"lab.test\"", DhcpOptionText.Value(15, Ascii.GetBytes("lab.test")));
            Assert.AreEqual("10.77.0.123", DhcpOptionText.Value(42, new byte[] { 10, 77, 0, 123 }));
            Assert.AreEqual("3600 s", DhcpOptionText.Value(51, new byte[] { 0, 0, 0x0e, 0x10 }));
            Assert.AreEqual("infinite", DhcpOptionText.Value(51, new byte[] { 255, 255, 255, 255 }));
            Assert.AreEqual("10.77.0.1", DhcpOptionText.Value(54, new byte[] { 10, 77, 0, 1 }));
            Assert.AreEqual("1800 s", DhcpOptionText.Value(58, new byte[] { 0, 0, 0x07, 0x08 }));
            Assert.AreEqual("3150 s", DhcpOptionText.Value(59, new byte[] { 0, 0, 0x0c, 0x4e }));
            Assert.AreEqual("\"tftp.lab.test\"", DhcpOptionText.Value(66, Ascii.GetBytes("tftp.lab.test")));
            Assert.AreEqual("10.77.0.69", DhcpOptionText.Value(150, new byte[] { 10, 77, 0, 69 }));
            Expect.Contains(DhcpOptionText.Value(3, new byte[] { 10, 77, 0 }), "malformed", "router of 3 bytes");
            Expect.Contains(DhcpOptionText.Value(43, new byte[] { 1, 9 }), "not MS-UC-Client", "bad option 43");
            Assert.AreEqual("TFTP server addresses", DhcpOptionText.Name(150));
        }

        [TestMethod]
        public void RandomCorruptionsNeverThrow()
        {
            byte[] ack = Hex.TryParse(DhcpVectors.DnsmasqInformAck);
            SeededRandom r = new SeededRandom(42);
            for (int n = 0; n < 2000; n++)
            {
                byte[] b = new byte[ack.Length];
                System.Array.Copy(ack, b, ack.Length);
                int flips = 1 + r.Next(8);
                for (int f = 0; f < flips; f++) b[240 + r.Next(b.Length - 240)] = (byte)r.Next(256);
                DhcpMessage m;
                string reason;
                if (!DhcpCodec.TryDecode(b, 0, b.Length, out m, out reason)) continue;
                byte[] v43 = m.Get(DhcpOption.VendorSpecific);
                MsUcClientOption o;
                if (v43 != null) MsUcClientOption.TryDecode(v43, out o, out reason);
                byte[] v120 = m.Get(DhcpOption.SipServers);
                SipServersOption s;
                if (v120 != null) SipServersOption.TryDecode(v120, out s, out reason);
            }
        }
    }
}
