using System;
using System.Collections.Generic;
using System.Text;
using PhoneAgent.Core.Dhcp;
using PhoneAgent.Core.Net;

namespace PhoneAgent.Hardware.Emulated.Network
{
    /// <summary>A small DHCP server for the demo and fast tests (not proof of interoperability:
    /// the lab tests use dnsmasq and kea). Leases from a pool, answers INFORM with option 120
    /// and, for vendor class "MS-UC-Client", option 43; faults can be switched on.</summary>
    public sealed class EmulatedDhcpServer : IEmulatedServer
    {
        private readonly Dictionary<string, uint> _leases = new();
        private uint _next;

        public uint ServerAddress { get; init; } = 0x0a4d0001;      // 10.77.0.1
        public uint PoolStart { get; init; } = 0x0a4d0064;          // 10.77.0.100
        public uint PoolEnd { get; init; } = 0x0a4d0096;            // 10.77.0.150
        public uint Netmask { get; init; } = 0xffffff00;
        public uint LeaseSeconds { get; init; } = 3600;
        public string SipServer { get; init; } = "sip.lab.test";
        public string WebServer { get; init; } = "web.lab.test";
        /// <summary>Option 42; 0: not offered.</summary>
        public uint NtpServer { get; init; } = 0x0a4d0001;
        /// <summary>Option 6; 0: not offered.</summary>
        public uint DnsServer { get; init; } = 0x0a4d0001;

        /// <summary>No answers at all (no server on the VLAN).</summary>
        public bool Silent { get; set; }

        /// <summary>Answers every REQUEST with NAK.</summary>
        public bool NakRequests { get; set; }

        /// <summary>Drops INFORM ACKs, as a firewall on the unicast 67 -> 68 path does.</summary>
        public bool DropInformAck { get; set; }

        public int Discovers { get; private set; }
        public int Requests { get; private set; }
        public int Informs { get; private set; }
        public int Declined { get; private set; }
        public int Released { get; private set; }

        public string Name => "dhcp-server";

        public bool Accepts(uint destination, int destinationPort) =>
            destinationPort == DhcpClient.ServerPort && (destination == Ip4.Broadcast || destination == ServerAddress);

        public IEnumerable<EmulatedDatagram> Handle(uint source, int sourcePort, byte[] data)
        {
            if (Silent) yield break;
            if (!DhcpCodec.TryDecode(data, 0, data.Length, out var q, out _) || q.Op != DhcpMessage.OpRequest) yield break;
            string client = Convert.ToHexString(q.ChAddr, 0, Math.Min(q.HLen, 16));
            DhcpMessage reply;
            switch (q.MessageType)
            {
                case DhcpMessageType.Discover:
                    Discovers++;
                    reply = Answer(q, DhcpMessageType.Offer, AddressFor(client));
                    break;
                case DhcpMessageType.Request:
                    Requests++;
                    uint wanted = q.CiAddr != 0 ? q.CiAddr : (q.TryGetUInt32(DhcpOption.RequestedAddress, out var r) ? r : 0);
                    if (q.TryGetUInt32(DhcpOption.ServerIdentifier, out var sid) && sid != ServerAddress) yield break; // chose another server
                    reply = NakRequests || wanted != AddressFor(client)
                        ? Nak(q, NakRequests ? "requests refused (fault switched on)" : "address not leased to this client")
                        : Answer(q, DhcpMessageType.Ack, wanted);
                    break;
                case DhcpMessageType.Decline:
                    // RFC 2131 §4.3.3: mark the address as in use elsewhere; the client gets another.
                    if (q.TryGetUInt32(DhcpOption.RequestedAddress, out var declined) && _leases.TryGetValue(client, out var held) && held == declined)
                    {
                        _leases.Remove(client);
                        Declined++;
                    }
                    yield break;
                case DhcpMessageType.Release:
                    if (_leases.TryGetValue(client, out var leased) && leased == q.CiAddr) Released++;
                    yield break;
                case DhcpMessageType.Inform:
                    Informs++;
                    if (DropInformAck) yield break;
                    reply = Answer(q, DhcpMessageType.Ack, 0);
                    reply.CiAddr = q.CiAddr;
                    AddProvisioning(q, reply);
                    // RFC 2131 §4.3.5: the ACK goes unicast to ciaddr.
                    yield return new EmulatedDatagram(ServerAddress, DhcpClient.ServerPort, q.CiAddr, DhcpClient.ClientPort, DhcpCodec.Encode(reply));
                    yield break;
                default:
                    yield break;
            }
            yield return new EmulatedDatagram(ServerAddress, DhcpClient.ServerPort, Ip4.Broadcast, DhcpClient.ClientPort, DhcpCodec.Encode(reply));
        }

        private uint AddressFor(string client)
        {
            if (_leases.TryGetValue(client, out var a)) return a;
            a = PoolStart + _next++;
            if (a > PoolEnd) throw new InvalidOperationException("emulated pool exhausted");
            _leases[client] = a;
            return a;
        }

        private DhcpMessage Answer(DhcpMessage q, int type, uint yiaddr)
        {
            var m = new DhcpMessage
            {
                Op = DhcpMessage.OpReply,
                Xid = q.Xid,
                Flags = q.Flags,
                YiAddr = yiaddr,
                GiAddr = q.GiAddr,
            };
            Array.Copy(q.ChAddr, m.ChAddr, 16);
            m.SetByte(DhcpOption.MessageType, type);
            m.SetUInt32(DhcpOption.ServerIdentifier, ServerAddress);
            if (type != DhcpMessageType.Ack || yiaddr != 0)
            {
                m.SetUInt32(DhcpOption.LeaseTime, LeaseSeconds);
                m.SetUInt32(DhcpOption.SubnetMask, Netmask);
                m.SetUInt32(DhcpOption.Router, ServerAddress);
            }
            m.Set(DhcpOption.SipServers, SipServerOption());
            if (NtpServer != 0) m.SetUInt32(DhcpOption.NtpServers, NtpServer);
            if (DnsServer != 0) m.SetUInt32(DhcpOption.DomainNameServer, DnsServer);
            return m;
        }

        private static DhcpMessage Nak(DhcpMessage q, string text)
        {
            var m = new DhcpMessage { Op = DhcpMessage.OpReply, Xid = q.Xid, Flags = q.Flags, GiAddr = q.GiAddr };
            Array.Copy(q.ChAddr, m.ChAddr, 16);
            m.SetByte(DhcpOption.MessageType, DhcpMessageType.Nak);
            m.Set(DhcpOption.Message, Encoding.ASCII.GetBytes(text));
            return m;
        }

        /// <summary>RFC 3361 encoding 0: one DNS name in RFC 1035 labels.</summary>
        private byte[] SipServerOption()
        {
            var b = new List<byte> { 0 };
            foreach (var label in SipServer.Split('.'))
            {
                b.Add((byte)label.Length);
                b.AddRange(Encoding.ASCII.GetBytes(label));
            }
            b.Add(0);
            return b.ToArray();
        }

        /// <summary>Option 43 for MS-UC-Client: sub-options 1..5 (UC identifier, scheme, FQDN,
        /// port, path), ascending as kea sends them.</summary>
        private void AddProvisioning(DhcpMessage q, DhcpMessage reply)
        {
            var vc = q.Get(DhcpOption.VendorClassIdentifier);
            if (vc == null || !Encoding.ASCII.GetString(vc).Contains("MS-UC-Client", StringComparison.Ordinal)) return;
            var b = new List<byte>();
            void Sub(int code, string v)
            {
                b.Add((byte)code);
                b.Add((byte)v.Length);
                b.AddRange(Encoding.ASCII.GetBytes(v));
            }
            Sub(1, "MS-UC-Client");
            Sub(2, "https");
            Sub(3, WebServer);
            Sub(4, "443");
            Sub(5, "/CertProv/CertProvisioningService.svc");
            reply.Set(DhcpOption.VendorSpecific, b.ToArray());
        }
    }
}
