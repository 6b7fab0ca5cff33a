using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Dhcp
{
    /// <summary>Option 43 (RFC 2132 §8.4, vendor-encapsulated) as Lync/Skype for Business
    /// servers send it to vendor class "MS-UC-Client": sub-options 1 UC identifier, 2 URL
    /// scheme, 3 web server FQDN, 4 port, 5 relative path of the certificate-provisioning
    /// service. Sub-options come in any order (dnsmasq 5..1, kea 1..5); pad 0x00 and end 0xFF
    /// may appear inside (dnsmasq ends with 0xFF).</summary>
    public sealed class MsUcClientOption
    {
        public const int SubUcIdentifier = 1;
        public const int SubUrlScheme = 2;
        public const int SubWebServerFqdn = 3;
        public const int SubWebServerPort = 4;
        public const int SubRelativePath = 5;
        public const int MaxTextLength = 255;

        public string UcIdentifier = "";
        public string UrlScheme = "";
        public string WebServerFqdn = "";
        public string WebServerPort = "";
        public string RelativePath = "";

        /// <summary>Decodes the option value; false with a reason on malformed input (a
        /// sub-option running past the end, a repeated sub-option, a control character).</summary>
        public static bool TryDecode(byte[] value, out MsUcClientOption option, out string reason)
        {
            option = null;
            reason = null;
            if (value == null) throw new System.ArgumentNullException(nameof(value));
            MsUcClientOption o = new MsUcClientOption();
            int seen = 0;
            int i = 0;
            while (i < value.Length)
            {
                int code = value[i];
                if (code == DhcpOption.Pad) { i++; continue; }
                if (code == DhcpOption.End) break;
                if (i + 1 >= value.Length) { reason = "sub-option " + code.ToString() + " has no length"; return false; }
                int len = value[i + 1];
                if (i + 2 + len > value.Length) { reason = "sub-option " + code.ToString() + " runs past the end of option 43"; return false; }
                if (code >= SubUcIdentifier && code <= SubRelativePath)
                {
                    int bit = 1 << code;
                    if ((seen & bit) != 0) { reason = "sub-option " + code.ToString() + " repeated"; return false; }
                    seen |= bit;
                    for (int k = 0; k < len; k++)
                    {
                        byte c = value[i + 2 + k];
                        if (c < 0x20 || c > 0x7E) { reason = "sub-option " + code.ToString() + " holds a non-printable byte"; return false; }
                    }
                    string text = Ascii.Printable(value, i + 2, len);
                    switch (code)
                    {
                        case SubUcIdentifier: o.UcIdentifier = text; break;
                        case SubUrlScheme: o.UrlScheme = text; break;
                        case SubWebServerFqdn: o.WebServerFqdn = text; break;
                        case SubWebServerPort: o.WebServerPort = text; break;
                        default: o.RelativePath = text; break;
                    }
                }
                // Unknown sub-options are skipped: vendors add their own.
                i += 2 + len;
            }
            option = o;
            return true;
        }

        /// <summary>True when scheme, FQDN and path are present (the port may be defaulted).</summary>
        public bool IsComplete
        {
            get { return UrlScheme.Length > 0 && WebServerFqdn.Length > 0 && RelativePath.Length > 0; }
        }

        /// <summary>The certificate-provisioning URL, e.g.
        /// https://fe.example.com:443/CertProv/CertProvisioningService.svc, or "" when incomplete.</summary>
        public string Url
        {
            get
            {
                if (!IsComplete) return "";
                string path = RelativePath[0] == '/' ? RelativePath : "/" + RelativePath;
                return UrlScheme + "://" + WebServerFqdn + (WebServerPort.Length > 0 ? ":" + WebServerPort : "") + path;
            }
        }

        /// <summary>Which of the five sub-options are missing, for the diagnosis.</summary>
        public string Missing
        {
            get
            {
                string m = "";
                if (UcIdentifier.Length == 0) m += " 1 (UC identifier)";
                if (UrlScheme.Length == 0) m += " 2 (URL scheme)";
                if (WebServerFqdn.Length == 0) m += " 3 (web server FQDN)";
                if (WebServerPort.Length == 0) m += " 4 (port)";
                if (RelativePath.Length == 0) m += " 5 (relative path)";
                return m.Trim();
            }
        }

        /// <summary>Encodes sub-options 1..5 in ascending order (as kea sends them).</summary>
        public byte[] Encode()
        {
            string[] v = new string[] { UcIdentifier, UrlScheme, WebServerFqdn, WebServerPort, RelativePath };
            int n = 0;
            byte[][] b = new byte[5][];
            for (int k = 0; k < 5; k++)
            {
                b[k] = Ascii.GetBytes(v[k] == null ? "" : v[k]);
                if (b[k].Length > MaxTextLength) throw new System.ArgumentException("sub-option " + (k + 1).ToString() + " longer than 255 bytes");
                if (b[k].Length > 0) n += 2 + b[k].Length;
            }
            byte[] r = new byte[n];
            int p = 0;
            for (int k = 0; k < 5; k++)
            {
                if (b[k].Length == 0) continue;
                r[p++] = (byte)(k + 1);
                r[p++] = (byte)b[k].Length;
                System.Array.Copy(b[k], 0, r, p, b[k].Length);
                p += b[k].Length;
            }
            return r;
        }
    }
}
