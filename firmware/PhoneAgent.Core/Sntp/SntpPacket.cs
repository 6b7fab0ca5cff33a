using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sntp
{
    /// <summary>The 48-octet NTP/SNTP packet (RFC 4330 §4; RFC 5905 §7.3 for the same layout).
    /// Timestamps are kept as raw 64-bit NTP values (seconds since 1900 in the high 32 bits,
    /// fraction in the low 32); UnixMs converts with the era rule of RFC 4330 §3 (a high bit of
    /// 0 means the era after 2036).</summary>
    public sealed class SntpPacket
    {
        public const int Length = 48;
        public const int ModeClient = 3;
        public const int ModeServer = 4;
        private const long NtpToUnix = 2208988800L;   // seconds from 1900-01-01 to 1970-01-01

        public int Leap;
        public int Version;
        public int Mode;
        public int Stratum;
        public string ReferenceId = "";
        public ulong Originate;
        public ulong Receive;
        public ulong Transmit;

        /// <summary>A client request (LI 0, VN 4, mode 3) whose transmit timestamp is the given
        /// nonce: the reply must echo it as its originate timestamp (RFC 4330 §5).</summary>
        public static byte[] Request(ulong transmitNonce)
        {
            byte[] b = new byte[Length];
            b[0] = (0 << 6) | (4 << 3) | ModeClient;
            Write(b, 40, transmitNonce);
            return b;
        }

        public static SntpPacket TryParse(byte[] b, int count, out string reason)
        {
            reason = null;
            if (b == null || count < Length) { reason = "shorter than 48 octets"; return null; }
            SntpPacket p = new SntpPacket();
            p.Leap = b[0] >> 6;
            p.Version = (b[0] >> 3) & 7;
            p.Mode = b[0] & 7;
            p.Stratum = b[1];
            p.ReferenceId = p.Stratum <= 1 ? Ascii.Printable(b, 12, 4) : Hex.Bytes(Slice(b, 12, 4));
            p.Originate = Read(b, 24);
            p.Receive = Read(b, 32);
            p.Transmit = Read(b, 40);
            return p;
        }

        /// <summary>NTP timestamp to Unix milliseconds (RFC 4330 §3 eras: 1968-2036 and 2036-2104).</summary>
        public static long UnixMs(ulong ntp)
        {
            long seconds = (long)(ntp >> 32);
            if ((seconds & 0x80000000L) == 0) seconds += 0x100000000L;
            long fractionMs = (long)(((ntp & 0xFFFFFFFFUL) * 1000UL) >> 32);
            return (seconds - NtpToUnix) * 1000L + fractionMs;
        }

        private static ulong Read(byte[] b, int o)
        {
            return ((ulong)BigEndian.ReadUInt32(b, o) << 32) | BigEndian.ReadUInt32(b, o + 4);
        }

        private static void Write(byte[] b, int o, ulong v)
        {
            BigEndian.WriteUInt32(b, o, (uint)(v >> 32));
            BigEndian.WriteUInt32(b, o + 4, (uint)v);
        }

        private static byte[] Slice(byte[] b, int o, int n)
        {
            byte[] r = new byte[n];
            System.Array.Copy(b, o, r, 0, n);
            return r;
        }
    }
}
