using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Net
{
    /// <summary>IPv4 addresses as host-order uint: cheap on the device heap, no IPAddress
    /// allocation in codecs.</summary>
    public static class Ip4
    {
        public const uint Any = 0;
        public const uint Broadcast = 0xFFFFFFFF;

        public static string Format(uint a)
        {
            return ((a >> 24) & 0xFF).ToString() + "." + ((a >> 16) & 0xFF).ToString() + "." +
                   ((a >> 8) & 0xFF).ToString() + "." + (a & 0xFF).ToString();
        }

        /// <summary>Dotted quad; false for anything else (no octal, no short forms).</summary>
        /// <summary>"a, b, c" for a list of addresses.</summary>
        public static string FormatList(uint[] a)
        {
            string s = "";
            for (int i = 0; i < a.Length; i++) s += (i > 0 ? ", " : "") + Format(a[i]);
            return s;
        }

        public static bool TryParse(string s, out uint address)
        {
            address = 0;
            if (s == null || s.Length < 7 || s.Length > 15) return false;
            int part = 0, digits = 0, value = 0;
            for (int i = 0; i <= s.Length; i++)
            {
                if (i == s.Length || s[i] == '.')
                {
                    if (digits == 0 || value > 255) return false;
                    address = (address << 8) | (uint)value;
                    part++;
                    digits = 0;
                    value = 0;
                    if (part > 4) return false;
                    continue;
                }
                char ch = s[i];
                if (ch < '0' || ch > '9' || digits == 3) return false;
                value = value * 10 + (ch - '0');
                digits++;
            }
            return part == 4;
        }

        public static uint Read(byte[] b, int o)
        {
            return BigEndian.ReadUInt32(b, o);
        }

        public static void Write(byte[] b, int o, uint a)
        {
            BigEndian.WriteUInt32(b, o, a);
        }

        /// <summary>Prefix length of a contiguous netmask, or -1 when not contiguous.</summary>
        public static int PrefixLength(uint mask)
        {
            int n = 0;
            while (n < 32 && (mask & (0x80000000u >> n)) != 0) n++;
            uint expected = n == 0 ? 0 : 0xFFFFFFFFu << (32 - n);
            return mask == expected ? n : -1;
        }
    }
}
