using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>RFC 2131 §2 / RFC 2132 message codec. Decode never throws on wire data:
    /// malformed input returns false with a reason. Encode throws only on caller mistakes.</summary>
    public static class DhcpCodec
    {
        public const int FixedLength = 236;              // op .. file, RFC 2131 figure 1
        public const uint MagicCookie = 0x63825363;      // RFC 2131 §3
        public const int MinimumLength = FixedLength + 4;
        public const int MaxMessageLength = 1500;        // one Ethernet MTU; longer input is refused
        public const int MinimumEncodedLength = 300;     // RFC 1542 §3.1.1: BOOTP relays may drop shorter

        private const int SNameOffset = 44;
        private const int FileOffset = 108;

        /// <summary>Decodes one message. reason is set when false is returned.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out DhcpMessage message, out string reason)
        {
            message = null;
            reason = null;
            if (buffer == null) throw new System.ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || offset > buffer.Length - count)
                throw new System.ArgumentException("offset/count outside the buffer");
            if (count < MinimumLength) { reason = "shorter than the fixed header and cookie"; return false; }
            if (count > MaxMessageLength) { reason = "longer than " + MaxMessageLength.ToString() + " bytes"; return false; }
            if (BigEndian.ReadUInt32(buffer, offset + FixedLength) != MagicCookie) { reason = "wrong magic cookie"; return false; }

            DhcpMessage m = new DhcpMessage();
            m.Op = buffer[offset];
            m.HType = buffer[offset + 1];
            m.HLen = buffer[offset + 2];
            m.Hops = buffer[offset + 3];
            m.Xid = BigEndian.ReadUInt32(buffer, offset + 4);
            m.Secs = BigEndian.ReadUInt16(buffer, offset + 8);
            m.Flags = BigEndian.ReadUInt16(buffer, offset + 10);
            m.CiAddr = BigEndian.ReadUInt32(buffer, offset + 12);
            m.YiAddr = BigEndian.ReadUInt32(buffer, offset + 16);
            m.SiAddr = BigEndian.ReadUInt32(buffer, offset + 20);
            m.GiAddr = BigEndian.ReadUInt32(buffer, offset + 24);
            System.Array.Copy(buffer, offset + 28, m.ChAddr, 0, 16);
            if (m.Op != DhcpMessage.OpRequest && m.Op != DhcpMessage.OpReply) { reason = "op is neither BOOTREQUEST nor BOOTREPLY"; return false; }
            if (m.HLen > 16) { reason = "hlen above 16"; return false; }

            // Options field first; option 52 may then send us to file and sname (RFC 2132 §9.3),
            // each parsed at most once, so overload cannot loop.
            if (!ParseOptions(buffer, offset + MinimumLength, count - MinimumLength, m, out reason)) return false;
            int overload = 0;
            byte[] ov = m.Get(DhcpOption.Overload);
            if (ov != null)
            {
                if (ov.Length != 1 || ov[0] < 1 || ov[0] > 3) { reason = "option 52 (overload) malformed"; return false; }
                overload = ov[0];
            }
            if ((overload & 1) != 0 && !ParseOptions(buffer, offset + FileOffset, 128, m, out reason)) return false;
            if ((overload & 2) != 0 && !ParseOptions(buffer, offset + SNameOffset, 64, m, out reason)) return false;
            if (overload != 0 && m.Get(DhcpOption.Overload).Length != 1) { reason = "option 52 (overload) repeated inside sname/file"; return false; }
            m.SName = (overload & 2) != 0 ? "" : CString(buffer, offset + SNameOffset, 64);
            m.File = (overload & 1) != 0 ? "" : CString(buffer, offset + FileOffset, 128);
            message = m;
            return true;
        }

        private static bool ParseOptions(byte[] b, int start, int length, DhcpMessage m, out string reason)
        {
            reason = null;
            int i = start, end = start + length;
            while (i < end)
            {
                int code = b[i];
                if (code == DhcpOption.Pad) { i++; continue; }
                if (code == DhcpOption.End) return true;
                if (i + 1 >= end) { reason = "option " + code.ToString() + " has no length byte"; return false; }
                int len = b[i + 1];
                if (i + 2 + len > end) { reason = "option " + code.ToString() + " runs past the end"; return false; }
                m.Append(code, b, i + 2, len);
                i += 2 + len;
            }
            // RFC 2131 §4.1 requires the end option in the options field; dnsmasq and kea send it,
            // but a truncated-yet-aligned message is still usable, so a missing end is tolerated.
            return true;
        }

        private static string CString(byte[] b, int offset, int max)
        {
            int n = 0;
            while (n < max && b[offset + n] != 0) n++;
            return Ascii.Printable(b, offset, n);
        }

        /// <summary>Encodes into a new array: header, cookie, options (long ones split per
        /// RFC 3396), end, padded to 300 bytes. No overload is used when encoding.</summary>
        public static byte[] Encode(DhcpMessage m)
        {
            if (m == null) throw new System.ArgumentNullException(nameof(m));
            int optLen = 0;
            for (int k = 0; k < m.OptionCount; k++)
            {
                int vl = m.OptionValueAt(k).Length;
                int pieces = vl == 0 ? 1 : (vl + 254) / 255;
                optLen += vl + 2 * pieces;
            }
            int total = MinimumLength + optLen + 1;
            if (total < MinimumEncodedLength) total = MinimumEncodedLength;
            if (total > MaxMessageLength) throw new System.ArgumentException("options exceed one message");
            byte[] b = new byte[total];
            b[0] = (byte)m.Op;
            b[1] = (byte)m.HType;
            b[2] = (byte)m.HLen;
            b[3] = (byte)m.Hops;
            BigEndian.WriteUInt32(b, 4, m.Xid);
            BigEndian.WriteUInt16(b, 8, m.Secs);
            BigEndian.WriteUInt16(b, 10, m.Flags);
            BigEndian.WriteUInt32(b, 12, m.CiAddr);
            BigEndian.WriteUInt32(b, 16, m.YiAddr);
            BigEndian.WriteUInt32(b, 20, m.SiAddr);
            BigEndian.WriteUInt32(b, 24, m.GiAddr);
            System.Array.Copy(m.ChAddr, 0, b, 28, m.ChAddr.Length < 16 ? m.ChAddr.Length : 16);
            WriteCString(b, SNameOffset, 64, m.SName);
            WriteCString(b, FileOffset, 128, m.File);
            BigEndian.WriteUInt32(b, FixedLength, MagicCookie);
            int p = MinimumLength;
            for (int k = 0; k < m.OptionCount; k++)
            {
                int code = m.OptionCodeAt(k);
                byte[] v = m.OptionValueAt(k);
                int done = 0;
                do
                {
                    int piece = v.Length - done > 255 ? 255 : v.Length - done;
                    b[p++] = (byte)code;
                    b[p++] = (byte)piece;
                    System.Array.Copy(v, done, b, p, piece);
                    p += piece;
                    done += piece;
                } while (done < v.Length);
            }
            b[p] = DhcpOption.End;
            return b;
        }

        private static void WriteCString(byte[] b, int offset, int max, string s)
        {
            if (s == null || s.Length == 0) return;
            byte[] v = Ascii.GetBytes(s);
            if (v.Length >= max) throw new System.ArgumentException("sname/file too long");
            System.Array.Copy(v, 0, b, offset, v.Length);
        }
    }
}
