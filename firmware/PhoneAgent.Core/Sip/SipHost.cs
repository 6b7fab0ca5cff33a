namespace PhoneAgent.Core.Sip
{
    /// <summary>host = hostname / IPv4address / IPv6reference (RFC 3261 §25.1).</summary>
    public static class SipHost
    {
        public const int Invalid = 0;
        public const int Name = 1;
        public const int IPv4 = 2;
        /// <summary>"[...]" form; the text keeps its brackets.</summary>
        public const int IPv6 = 3;

        public const int MaxLength = 255;

        public static int Classify(string host)
        {
            if (host == null || host.Length == 0 || host.Length > MaxLength + 2) return Invalid;
            if (host[0] == '[') return IsIPv6Reference(host) ? IPv6 : Invalid;
            if (IsIPv4(host, 0, host.Length)) return IPv4;
            return IsHostName(host) ? Name : Invalid;
        }

        /// <summary>IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each at most 255.</summary>
        public static bool IsIPv4(string s, int start, int end)
        {
            int parts = 0, i = start;
            while (true)
            {
                int v = 0, digits = 0;
                while (i < end && SipChars.IsDigit(s[i]))
                {
                    v = v * 10 + (s[i] - '0');
                    if (++digits > 3) return false;
                    i++;
                }
                if (digits == 0 || v > 255) return false;
                parts++;
                if (i == end) return parts == 4;
                if (s[i] != '.' || parts == 4) return false;
                i++;
            }
        }

        /// <summary>hostname = *( domainlabel "." ) toplabel [ "." ]; labels of alphanum and '-'
        /// that neither start nor end with '-'; toplabel starts with ALPHA.</summary>
        public static bool IsHostName(string s)
        {
            int end = s.Length;
            if (end > 0 && s[end - 1] == '.') end--;
            if (end == 0 || end > MaxLength) return false;
            int labelStart = 0;
            for (int i = 0; i <= end; i++)
            {
                if (i < end && s[i] != '.')
                {
                    char c = s[i];
                    if (!SipChars.IsAlphaNum(c) && c != '-') return false;
                    continue;
                }
                if (i == labelStart) return false;                       // empty label
                if (s[labelStart] == '-' || s[i - 1] == '-') return false;
                if (i == end && !SipChars.IsAlpha(s[labelStart])) return false;   // toplabel
                labelStart = i + 1;
            }
            return true;
        }

        /// <summary>IPv6reference = "[" IPv6address "]"; IPv6address = hexpart [ ":" IPv4address ].</summary>
        public static bool IsIPv6Reference(string s)
        {
            if (s.Length < 4 || s[0] != '[' || s[s.Length - 1] != ']') return false;
            return IsIPv6(s, 1, s.Length - 1);
        }

        public static bool IsIPv6(string s, int start, int end)
        {
            int groups = 0;
            bool doubleColon = false;
            int i = start;
            if (end - start < 2) return false;
            if (s[i] == ':')
            {
                if (s[i + 1] != ':') return false;
                doubleColon = true;
                i += 2;
                if (i == end) return true;       // "::"
            }
            while (i < end)
            {
                // An embedded IPv4 address may end the address (counts as two groups).
                int dot = -1;
                for (int k = i; k < end && s[k] != ':'; k++)
                {
                    if (s[k] == '.') { dot = k; break; }
                }
                if (dot >= 0)
                {
                    if (!IsIPv4(s, i, end)) return false;
                    groups += 2;
                    i = end;
                    break;
                }
                int digits = 0;
                while (i < end && SipChars.IsHex(s[i]))
                {
                    if (++digits > 4) return false;
                    i++;
                }
                if (digits == 0) return false;
                groups++;
                if (i == end) break;
                if (s[i] != ':') return false;
                i++;
                if (i < end && s[i] == ':')
                {
                    if (doubleColon) return false;
                    doubleColon = true;
                    i++;
                    if (i == end) break;
                }
                else if (i == end)
                {
                    return false;                 // trailing single ':'
                }
            }
            return doubleColon ? groups <= 7 : groups == 8;
        }
    }
}
