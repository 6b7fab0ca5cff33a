using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Eap;

namespace PhoneAgent.Tests.Host.Eap
{
    /// <summary>Every frame of ../shared/lab/2-8021x/eapol.pcap (wpa_supplicant 2.10 and hostapd
    /// 2.10, EAP-MD5 accepted then refused) read straight from the capture: each decodes,
    /// round-trips byte for byte, and wpa_supplicant's MD5 response is what .NET's MD5 and the
    /// core's method compute. The shared tests carry the same frames as hex (EapolVectors).</summary>
    [TestClass]
    public class EapolPcapTests
    {
        private static List<byte[]> ReadPcap(string path)
        {
            // Classic libpcap: 24-byte global header (magic a1b2c3d4 little-endian, link type 1 =
            // Ethernet), then per packet a 16-byte header (ts_sec, ts_usec, incl_len, orig_len).
            byte[] b = File.ReadAllBytes(path);
            Assert.AreEqual(0xa1b2c3d4u, BitConverter.ToUInt32(b, 0), "little-endian pcap");
            Assert.AreEqual(1u, BitConverter.ToUInt32(b, 20), "Ethernet link type");
            var frames = new List<byte[]>();
            for (int off = 24; off + 16 <= b.Length;)
            {
                int incl = (int)BitConverter.ToUInt32(b, off + 8);
                Assert.IsTrue(incl >= 0 && off + 16 + incl <= b.Length, "packet inside the file");
                frames.Add(b.AsSpan(off + 16, incl).ToArray());
                off += 16 + incl;
            }
            return frames;
        }

        [TestMethod]
        public void EveryCapturedFrameDecodesAndRoundTrips()
        {
            string pcap = Path.Combine(RepoPaths.Root, "..", "shared", "lab", "2-8021x", "eapol.pcap");
            if (!File.Exists(pcap)) Assert.Inconclusive("../shared/lab/2-8021x/eapol.pcap is not beside the repository");
            var frames = ReadPcap(pcap);
            Assert.AreEqual(12, frames.Count);
            var kinds = new List<string>();
            EapPacket lastChallenge = null;
            int md5Checked = 0;
            foreach (var wire in frames)
            {
                Assert.IsTrue(EapolFrame.TryDecode(wire, 0, wire.Length, out var f, out string reason), reason);
                CollectionAssert.AreEqual(wire, f.Encode());
                if (f.PacketType != Eapol.TypeEapPacket) { kinds.Add(Eapol.TypeName(f.PacketType)); continue; }
                Assert.IsTrue(EapPacket.TryDecode(f.Body, 0, f.Body.Length, out var p, out reason), reason);
                CollectionAssert.AreEqual(f.Body, p.Encode());
                kinds.Add(p.Describe().Split(" id ")[0]);
                if (p.Code == EapCode.Request && p.Type == EapType.Md5Challenge) lastChallenge = p;
                if (p.Code == EapCode.Response && p.Type == EapType.Md5Challenge && md5Checked == 0)
                {
                    // The accepted run (password md5pass): RFC 3748 §5.4, MD5(id || secret || challenge).
                    var input = new List<byte> { (byte)p.Identifier };
                    input.AddRange(System.Text.Encoding.ASCII.GetBytes("md5pass"));
                    input.AddRange(lastChallenge.TypeData.AsSpan(1, lastChallenge.TypeData[0]).ToArray());
#pragma warning disable CA5351 // EAP-MD5 is MD5 by definition
                    CollectionAssert.AreEqual(MD5.HashData(input.ToArray()), p.TypeData.AsSpan(1).ToArray(), ".NET's MD5 agrees with wpa_supplicant");
#pragma warning restore CA5351
                    var r = new EapMethodResult();
                    new Md5ChallengeMethod("md5pass").Process(lastChallenge.Identifier, lastChallenge.TypeData, 0, lastChallenge.TypeData.Length, r);
                    CollectionAssert.AreEqual(p.TypeData, r.ResponseData, "the core's method agrees with wpa_supplicant");
                    md5Checked++;
                }
            }
            Assert.AreEqual(1, md5Checked);
            Assert.AreEqual(
                "EAPOL-Start,EAP-Request/Identity,EAP-Response/Identity,EAP-Request/MD5-Challenge,EAP-Response/MD5-Challenge,EAP-Success," +
                "EAPOL-Start,EAP-Request/Identity,EAP-Response/Identity,EAP-Request/MD5-Challenge,EAP-Response/MD5-Challenge,EAP-Failure",
                string.Join(",", kinds));
        }
    }
}
