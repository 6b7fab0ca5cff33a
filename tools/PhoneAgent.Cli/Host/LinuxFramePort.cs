using System;
using System.Buffers.Binary;
using System.IO;
using System.Net;
using System.Net.Sockets;
using PhoneAgent.Core.Eap;
using PhoneAgent.Core.Ports;

namespace PhoneAgent.Cli.Host
{
    /// <summary>EAPOL frames on a Linux interface: an AF_PACKET raw socket for one EtherType
    /// (System.Net.Sockets with AddressFamily.Packet; the sockaddr_ll is written by
    /// PacketEndPoint), bound to the interface, joined to the PAE group address 01:80:c2:00:00:03
    /// with PACKET_ADD_MEMBERSHIP / PACKET_MR_MULTICAST (packet(7)), non-blocking. Needs root or
    /// CAP_NET_RAW.</summary>
    public sealed class LinuxFramePort : IFramePort, IDisposable
    {
        private const int SolPacket = 263;             // <linux/socket.h>
        private const int PacketAddMembership = 1;     // <linux/if_packet.h>
        private const int PacketMrMulticast = 0;
        private const int PacketIgnoreOutgoing = 23;   // Linux 4.20+: our own frames are not looped back

        private LinuxFramePort(Socket s, string ifName)
        {
            Socket = s;
            Interface = ifName;
        }

        public Socket Socket { get; }
        public string Interface { get; }
        public bool Closed { get; private set; }
        public int Received { get; private set; }
        public int Sent { get; private set; }

        /// <summary>Opens the port, or returns null with the reason (naming CAP_NET_RAW when
        /// the kernel refused the raw socket).</summary>
        public static LinuxFramePort Open(string ifName, int etherType, out string error)
        {
            error = null;
            int ifIndex;
            try { ifIndex = int.Parse(File.ReadAllText($"/sys/class/net/{ifName}/ifindex").Trim(), System.Globalization.CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                error = $"no interface '{ifName}' in this network namespace (see `ip link`)";
                return null;
            }
            Socket s;
            try
            {
                s = new Socket(AddressFamily.Packet, SocketType.Raw, (ProtocolType)BinaryPrimitives.ReverseEndianness((ushort)etherType));
            }
            catch (SocketException e)
            {
                error = Describe(e, ifName, etherType);
                return null;
            }
            try
            {
                s.Bind(new PacketEndPoint(ifIndex, etherType));
                // struct packet_mreq { int mr_ifindex; unsigned short mr_type, mr_alen; unsigned char mr_address[8]; }
                var mreq = new byte[16];
                BitConverter.TryWriteBytes(mreq.AsSpan(0, 4), ifIndex);
                BitConverter.TryWriteBytes(mreq.AsSpan(4, 2), (ushort)PacketMrMulticast);
                BitConverter.TryWriteBytes(mreq.AsSpan(6, 2), (ushort)6);
                Eapol.PaeGroupAddress().CopyTo(mreq, 8);
                s.SetRawSocketOption(SolPacket, PacketAddMembership, mreq);
                try { s.SetRawSocketOption(SolPacket, PacketIgnoreOutgoing, BitConverter.GetBytes(1)); }
                catch (SocketException) { } // older kernels: the core ignores its own source MAC anyway
                s.Blocking = false;
            }
            catch (SocketException e)
            {
                s.Dispose();
                error = Describe(e, ifName, etherType);
                return null;
            }
            return new LinuxFramePort(s, ifName);
        }

        private static string Describe(SocketException e, string ifName, int etherType)
        {
            bool denied = e.SocketErrorCode == SocketError.AccessDenied || e.NativeErrorCode == 1 || e.NativeErrorCode == 13;
            return $"cannot open a raw EAPOL socket (AF_PACKET, EtherType 0x{etherType:x4}) on {ifName}: {e.Message}" +
                (denied ? ". Raw Ethernet frames need root or the CAP_NET_RAW capability (for example `setcap cap_net_raw+ep` on the program, or AmbientCapabilities=CAP_NET_RAW in a systemd unit)" : "");
        }

        public bool Send(byte[] frame, int offset, int count)
        {
            if (Closed) return false;
            try
            {
                int n = Socket.Send(frame, offset, count, SocketFlags.None);
                if (n == count) Sent++;
                return n == count;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        public int TryReceive(byte[] buffer)
        {
            if (Closed) return -1;
            int n = Socket.Receive(buffer, 0, buffer.Length, SocketFlags.None, out SocketError err);
            if (err != SocketError.Success || n <= 0) return -1;
            Received++;
            return n;
        }

        public void Close()
        {
            if (Closed) return;
            Closed = true;
            Socket.Dispose();
        }

        public void Dispose() => Close();

        /// <summary>struct sockaddr_ll (packet(7)): family, protocol (network order), ifindex.</summary>
        private sealed class PacketEndPoint : EndPoint
        {
            private readonly int _ifIndex;
            private readonly int _protocol;

            public PacketEndPoint(int ifIndex, int protocol)
            {
                _ifIndex = ifIndex;
                _protocol = protocol;
            }

            public override AddressFamily AddressFamily => AddressFamily.Packet;

            public override SocketAddress Serialize()
            {
                var a = new SocketAddress(AddressFamily.Packet, 20);
                a[2] = (byte)(_protocol >> 8);
                a[3] = (byte)_protocol;
                Span<byte> idx = stackalloc byte[4];
                BitConverter.TryWriteBytes(idx, _ifIndex);
                for (int i = 0; i < 4; i++) a[4 + i] = idx[i];
                return a;
            }

            public override EndPoint Create(SocketAddress socketAddress) => this;
        }
    }
}
