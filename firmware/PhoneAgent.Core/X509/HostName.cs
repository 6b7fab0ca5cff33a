namespace PhoneAgent.Core.X509
{
    /// <summary>Server identity check, RFC 6125 §6: DNS-ID in subjectAltName (the CN only when
    /// the certificate has no SAN DNS names), a wildcard only as the whole left-most label,
    /// case-insensitive; an IP literal matches only an iPAddress SAN.</summary>
    public static class HostName
    {
        public static bool Matches(X509Certificate c, string host)
        {
            if (host == null || host.Length == 0) return false;
            uint ip;
            if (Net.Ip4.TryParse(host, out ip))
            {
                for (int i = 0; i < c.IpAddresses.Length; i++) if (c.IpAddresses[i] == ip) return true;
                return false;
            }
            string h = Util.Ascii.Lower(host);
            if (h[h.Length - 1] == '.') h = h.Substring(0, h.Length - 1);
            if (c.DnsNames.Length > 0)
            {
                for (int i = 0; i < c.DnsNames.Length; i++) if (Match(Util.Ascii.Lower(c.DnsNames[i]), h)) return true;
                return false;
            }
            string cn = CommonName(c);
            return cn != null && Match(Util.Ascii.Lower(cn), h);
        }

        public static string Describe(X509Certificate c)
        {
            if (c.DnsNames.Length == 0 && c.IpAddresses.Length == 0)
                return "no subjectAltName; CN is \"" + (CommonName(c) ?? "") + "\"";
            string s = "subjectAltName:";
            for (int i = 0; i < c.DnsNames.Length; i++) s += " DNS:" + c.DnsNames[i];
            for (int i = 0; i < c.IpAddresses.Length; i++) s += " IP:" + Net.Ip4.Format(c.IpAddresses[i]);
            return s;
        }

        private static bool Match(string pattern, string host)
        {
            if (pattern.Length > 2 && pattern[0] == '*' && pattern[1] == '.')
            {
                // "*.example.com" matches exactly one extra label: "a.example.com", not "a.b.example.com" or "example.com".
                string suffix = pattern.Substring(1);
                int dot = host.IndexOf('.');
                return dot > 0 && host.Substring(dot) == suffix && suffix.IndexOf('.', 1) > 0;
            }
            return pattern == host;
        }

        private static string CommonName(X509Certificate c)
        {
            string cn = null;
            for (int i = 0; i < c.Subject.AttributeOids.Length; i++) if (c.Subject.AttributeOids[i] == "2.5.4.3") cn = c.Subject.AttributeValues[i];
            return cn;
        }

    }
}
