using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PhoneAgent.Core.Eap;

namespace PhoneAgent.Tests.Host.Eap
{
    /// <summary>Golden EAP-TLS exchanges (tests/vectors/eapol/eap-tls-1398.pcap and
    /// eap-tls-500.pcap: wpa_supplicant 2.10 against hostapd 2.10's internal EAP server,
    /// fragment_size 1398 and 500 on both, the client sending leaf + intermediate): the core's
    /// EapTlsFraming reassembles every server flight the way wpa_supplicant did (an ACK for
    /// each M fragment, the same octets in the end), and cut wpa_supplicant's own flight into
    /// exactly its fragments, byte for byte, with the server's ACKs taken as acknowledgements.</summary>
    [TestClass]
    public class EapTlsPcapTests
    {
        internal static List<EapPacket> ReadEap(string name)
        {
            string path = RepoPaths.Combine("tests", "vectors", "eapol", name);
            byte[] b = File.ReadAllBytes(path);
            Assert.AreEqual(0xa1b2c3d4u, BitConverter.ToUInt32(b, 0), "little-endian pcap");
            Assert.AreEqual(1u, BitConverter.ToUInt32(b, 20), "Ethernet link type");
            var packets = new List<EapPacket>();
            for (int off = 24; off + 16 <= b.Length;)
            {
                int incl = (int)BitConverter.ToUInt32(b, off + 8);
                byte[] wire = b.AsSpan(off + 16, incl).ToArray();
                off += 16 + incl;
                Assert.IsTrue(EapolFrame.TryDecode(wire, 0, wire.Length, out var f, out string reason), reason);
                CollectionAssert.AreEqual(wire, f.Encode(), "EAPOL round trip");
                if (f.PacketType != Eapol.TypeEapPacket) continue;
                Assert.IsTrue(EapPacket.TryDecode(f.Body, 0, f.Body.Length, out var p, out reason), reason);
                CollectionAssert.AreEqual(f.Body, p.Encode(), "EAP round trip");
                packets.Add(p);
            }
            return packets;
        }

        private static bool IsTls(EapPacket p, int code) => p.Code == code && p.Type == EapType.Tls;

        [TestMethod]
        [DataRow("eap-tls-1398.pcap", 1398, 2, 2)]
        [DataRow("eap-tls-500.pcap", 500, 5, 5)]
        public void FramingReproducesTheCapture(string file, int fragmentSize, int serverFragments, int clientFragments)
        {
            var packets = ReadEap(file);
            var f = new EapTlsFraming(fragmentSize, EapTlsFraming.DefaultMaxMessage);
            var serverFlights = new List<int>();
            int serverFragmentsSeen = 0, clientFragmentsSeen = 0, maxServerFragments = 0;
            bool started = false, success = false;

            // wpa_supplicant's flights, from its fragments (its TLS Message Length checked).
            var clientFlights = new List<byte[]>();
            var current = new List<byte>();
            long declared = -1;
            foreach (var p in packets)
            {
                if (!IsTls(p, EapCode.Response) || p.TypeData.Length == 1) continue;
                int flags = p.TypeData[0];
                int at = 1;
                if ((flags & EapTlsFraming.FlagLengthIncluded) != 0) { declared = PhoneAgent.Core.Util.BigEndian.ReadUInt32(p.TypeData, 1); at = 5; }
                current.AddRange(p.TypeData.AsSpan(at).ToArray());
                if ((flags & EapTlsFraming.FlagMoreFragments) == 0)
                {
                    if (declared >= 0) Assert.AreEqual(declared, (long)current.Count, "wpa_supplicant's TLS Message Length");
                    clientFlights.Add(current.ToArray());
                    current.Clear();
                    declared = -1;
                }
            }
            Assert.AreEqual(2, clientFlights.Count, "ClientHello, then Certificate..Finished");

            int flight = 0;
            for (int i = 0; i < packets.Count; i++)
            {
                var p = packets[i];
                if (p.Code == EapCode.Success) { success = true; continue; }
                if (!IsTls(p, EapCode.Request)) continue;
                var reply = packets[i + 1];
                Assert.IsTrue(IsTls(reply, EapCode.Response) && reply.Identifier == p.Identifier, "each Request has its Response next");
                int r = f.Accept(p.TypeData, 0, p.TypeData.Length);
                byte[] ours;
                switch (r)
                {
                    case EapTlsFraming.Start:
                        started = true;
                        f.Queue(clientFlights[flight++]); // the ClientHello
                        ours = f.NextFragment(0);
                        break;
                    case EapTlsFraming.NeedAck:
                        serverFragmentsSeen++;
                        ours = EapTlsFraming.Ack(0);
                        break;
                    case EapTlsFraming.Complete:
                        serverFragmentsSeen++;
                        maxServerFragments = Math.Max(maxServerFragments, f.FragmentsIn);
                        serverFlights.Add(f.TakeMessage().Length);
                        // wpa_supplicant's next flight, or (after the server's Finished) nothing: an ACK.
                        f.Queue(flight < clientFlights.Count ? clientFlights[flight++] : null);
                        ours = f.NextFragment(0);
                        break;
                    default:
                        Assert.AreEqual(EapTlsFraming.Acknowledged, r, f.Reason);
                        ours = f.NextFragment(0);
                        break;
                }
                if (ours.Length > 1) clientFragmentsSeen++;
                CollectionAssert.AreEqual(reply.TypeData, ours, $"our Response to Request id {p.Identifier} ({EapTlsFraming.DescribeFlags(p.TypeData[0])})");
            }
            Assert.IsTrue(started && success);
            CollectionAssert.AreEqual(new[] { 2207, 51 }, serverFlights, "server flights: ServerHello..ServerHelloDone, then ChangeCipherSpec+Finished");
            Assert.AreEqual(serverFragments, maxServerFragments, "fragments of the server's first flight");
            Assert.AreEqual(serverFragments + 1, serverFragmentsSeen);
            Assert.AreEqual(clientFragments + 1, clientFragmentsSeen, "ClientHello plus the fragments of the second flight");
        }
    }
}
