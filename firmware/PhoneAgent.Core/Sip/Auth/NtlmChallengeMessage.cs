namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>The NTLM CHALLENGE_MESSAGE (MS-NLMP §2.2.1.2) with its TargetInfo AV pairs
    /// (§2.2.2.1). In connectionless mode it is the first NTLM message (§3.1.5.2); MS-SIPAE
    /// carries it base64-encoded in gssapi-data. TryDecode is bounded and never throws.</summary>
    public sealed class NtlmChallengeMessage
    {
        public const int MaxMessageBytes = 4096;
        public const int MaxAvPairs = 64;

        // MS-NLMP §2.2.2.1 AvId values.
        public const int MsvAvEol = 0;
        public const int MsvAvNbComputerName = 1;
        public const int MsvAvNbDomainName = 2;
        public const int MsvAvDnsComputerName = 3;
        public const int MsvAvDnsDomainName = 4;
        public const int MsvAvDnsTreeName = 5;
        public const int MsvAvFlags = 6;
        public const int MsvAvTimestamp = 7;
        public const int MsvAvSingleHost = 8;
        public const int MsvAvTargetName = 9;
        public const int MsvAvChannelBindings = 10;

        private static readonly byte[] SignatureBytes = new byte[] { 0x4E, 0x54, 0x4C, 0x4D, 0x53, 0x53, 0x50, 0x00 }; // "NTLMSSP\0"

        private NtlmChallengeMessage() { }

        /// <summary>The whole message as received (the MIC would cover it).</summary>
        public byte[] Raw { get; private set; }
        public uint Flags { get; private set; }
        /// <summary>The 8-byte ServerChallenge.</summary>
        public byte[] ServerChallenge { get; private set; }
        public string TargetName { get; private set; }
        /// <summary>The TargetInfo bytes exactly as sent (the NTLMv2 response embeds them), or an empty array.</summary>
        public byte[] TargetInfo { get; private set; }
        /// <summary>The 8-byte Version (§2.2.2.10), or null.</summary>
        public byte[] Version { get; private set; }
        public string NbComputerName { get; private set; }
        public string NbDomainName { get; private set; }
        public string DnsComputerName { get; private set; }
        public string DnsDomainName { get; private set; }
        public string DnsTreeName { get; private set; }
        /// <summary>MsvAvTimestamp as a FILETIME (100 ns since 1601-01-01 UTC), or -1 when absent.</summary>
        public long Timestamp { get; private set; }
        public int AvPairCount { get; private set; }

        public static NtlmChallengeMessage TryDecode(byte[] message, out string error)
        {
            error = null;
            if (message == null)
            {
                error = "no NTLM message";
                return null;
            }
            if (message.Length > MaxMessageBytes)
            {
                error = "the NTLM CHALLENGE_MESSAGE is longer than " + MaxMessageBytes.ToString() + " bytes";
                return null;
            }
            // Signature(8) MessageType(4) TargetNameFields(8) NegotiateFlags(4) ServerChallenge(8) Reserved(8) = 40;
            // older servers stop at 32 bytes without Reserved/TargetInfoFields.
            if (message.Length < 32)
            {
                error = "the NTLM message is " + message.Length.ToString() + " bytes, shorter than a CHALLENGE_MESSAGE";
                return null;
            }
            for (int i = 0; i < 8; i++)
            {
                if (message[i] != SignatureBytes[i])
                {
                    error = "the gssapi-data is not an NTLM message (no NTLMSSP signature)";
                    return null;
                }
            }
            uint type = ReadUInt32(message, 8);
            if (type != 2)
            {
                error = "expected an NTLM CHALLENGE_MESSAGE (type 2), got type " + type.ToString();
                return null;
            }
            NtlmChallengeMessage m = new NtlmChallengeMessage();
            m.Raw = message;
            m.Flags = ReadUInt32(message, 20);
            m.ServerChallenge = new byte[8];
            System.Array.Copy(message, 24, m.ServerChallenge, 0, 8);
            m.Timestamp = -1;
            m.TargetInfo = new byte[0];
            bool unicode = NtlmFlags.Has(m.Flags, NtlmFlags.Unicode);

            byte[] name = Field(message, 12, "TargetName", out error);
            if (error != null) return null;
            m.TargetName = Text(name, unicode);

            if (message.Length >= 48)
            {
                byte[] info = Field(message, 40, "TargetInfo", out error);
                if (error != null) return null;
                if (info.Length > 0)
                {
                    m.TargetInfo = info;
                    if (!m.ReadAvPairs(info, out error)) return null;
                }
            }
            if (NtlmFlags.Has(m.Flags, NtlmFlags.Version) && message.Length >= 56)
            {
                m.Version = new byte[8];
                System.Array.Copy(message, 48, m.Version, 0, 8);
            }
            return m;
        }

        // AV_PAIR list: AvId(2) AvLen(2) Value(AvLen) ..., ending with MsvAvEOL (§2.2.2.1).
        private bool ReadAvPairs(byte[] info, out string error)
        {
            error = null;
            int pos = 0;
            int count = 0;
            while (true)
            {
                if (count == MaxAvPairs)
                {
                    error = "the TargetInfo has more than " + MaxAvPairs.ToString() + " AV pairs";
                    return false;
                }
                if (pos + 4 > info.Length)
                {
                    error = "the TargetInfo ends without MsvAvEOL";
                    return false;
                }
                int id = info[pos] | (info[pos + 1] << 8);
                int len = info[pos + 2] | (info[pos + 3] << 8);
                pos += 4;
                if (len > info.Length - pos)
                {
                    error = "AV pair " + id.ToString() + " claims " + len.ToString() + " bytes, past the end of the TargetInfo";
                    return false;
                }
                count++;
                if (id == MsvAvEol)
                {
                    AvPairCount = count;
                    return true;
                }
                switch (id)
                {
                    case MsvAvNbComputerName: NbComputerName = Utf16(info, pos, len); break;
                    case MsvAvNbDomainName: NbDomainName = Utf16(info, pos, len); break;
                    case MsvAvDnsComputerName: DnsComputerName = Utf16(info, pos, len); break;
                    case MsvAvDnsDomainName: DnsDomainName = Utf16(info, pos, len); break;
                    case MsvAvDnsTreeName: DnsTreeName = Utf16(info, pos, len); break;
                    case MsvAvTimestamp:
                        if (len != 8)
                        {
                            error = "MsvAvTimestamp is " + len.ToString() + " bytes, not 8";
                            return false;
                        }
                        long t = 0;
                        for (int i = 7; i >= 0; i--) t = (t << 8) | info[pos + i];
                        Timestamp = t;
                        break;
                }
                pos += len;
            }
        }

        // A security buffer: Len(2) MaxLen(2) BufferOffset(4), pointing into the message.
        private static byte[] Field(byte[] m, int at, string what, out string error)
        {
            error = null;
            int len = m[at] | (m[at + 1] << 8);
            uint offset = ReadUInt32(m, at + 4);
            if (len == 0) return new byte[0];
            if (offset > (uint)m.Length || len > m.Length - (int)offset)
            {
                error = "the " + what + " field points outside the NTLM message";
                return null;
            }
            byte[] b = new byte[len];
            System.Array.Copy(m, (int)offset, b, 0, len);
            return b;
        }

        private static string Text(byte[] b, bool unicode)
        {
            return unicode ? Utf16(b, 0, b.Length) : Util.Ascii.Printable(b, 0, b.Length);
        }

        private static string Utf16(byte[] b, int offset, int count)
        {
            char[] c = new char[count / 2];
            for (int i = 0; i < c.Length; i++)
            {
                char ch = (char)(b[offset + 2 * i] | (b[offset + 2 * i + 1] << 8));
                c[i] = ch < 0x20 || ch == 0x7F ? '?' : ch;   // names reach logs: no control characters
            }
            return new string(c);
        }

        internal static uint ReadUInt32(byte[] b, int o)
        {
            return b[o] | ((uint)b[o + 1] << 8) | ((uint)b[o + 2] << 16) | ((uint)b[o + 3] << 24);
        }

        /// <summary>Flags, target and AV pair names; the challenge itself is not secret but is left out.</summary>
        public override string ToString()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder("CHALLENGE_MESSAGE flags=");
            sb.Append(NtlmFlags.Describe(Flags));
            if (TargetName != null && TargetName.Length > 0) sb.Append(" target=").Append(TargetName);
            if (NbDomainName != null) sb.Append(" domain=").Append(NbDomainName);
            if (NbComputerName != null) sb.Append(" server=").Append(NbComputerName);
            if (DnsComputerName != null) sb.Append(" dns=").Append(DnsComputerName);
            if (Timestamp >= 0) sb.Append(" timestamp");
            return sb.ToString();
        }
    }
}
