using System.Collections.Generic;
using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Sntp;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Hardware.Emulated.Network
{
    /// <summary>An SNTP server for the demo and fast tests (the lab test uses chrony): answers
    /// mode-3 requests with stratum 2 and the emulated wall time (a fixed Unix time at virtual
    /// time 0, plus the LAN clock), echoing the request's transmit timestamp.</summary>
    public sealed class EmulatedSntpServer : IEmulatedServer
    {
        private const long NtpToUnix = 2208988800L;
        private readonly IClock _clock;

        public EmulatedSntpServer(IClock clock, long unixMsAtZero)
        {
            _clock = clock;
            UnixMsAtZero = unixMsAtZero;
        }

        public uint Address { get; init; } = 0x0a4d0001;
        public long UnixMsAtZero { get; }
        public bool Silent { get; set; }
        public int Requests { get; private set; }

        public string Name => "sntp-server";

        public bool Accepts(uint destination, int destinationPort) => destination == Address && destinationPort == SntpClient.ServerPort;

        public IEnumerable<EmulatedDatagram> Handle(uint source, int sourcePort, byte[] data)
        {
            if (Silent || data.Length < SntpPacket.Length || (data[0] & 7) != SntpPacket.ModeClient) yield break;
            Requests++;
            var r = new byte[SntpPacket.Length];
            r[0] = (4 << 3) | SntpPacket.ModeServer;
            r[1] = 2;                                   // stratum
            BigEndian.WriteUInt32(r, 12, Address);      // reference ID: the upstream's address
            System.Array.Copy(data, 40, r, 24, 8);      // originate = the client's transmit
            ulong now = Ntp(UnixMsAtZero + (_clock?.NowMs ?? 0));
            Write(r, 32, now);
            Write(r, 40, now);
            yield return new EmulatedDatagram(Address, SntpClient.ServerPort, source, sourcePort, r);
        }

        private static ulong Ntp(long unixMs)
        {
            ulong seconds = (ulong)(unixMs / 1000 + NtpToUnix);
            ulong fraction = (ulong)(unixMs % 1000) * 0x100000000UL / 1000UL;
            return (seconds << 32) | fraction;
        }

        private static void Write(byte[] b, int o, ulong v)
        {
            BigEndian.WriteUInt32(b, o, (uint)(v >> 32));
            BigEndian.WriteUInt32(b, o + 4, (uint)v);
        }
    }
}
