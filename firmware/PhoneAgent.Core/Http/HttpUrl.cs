using PhoneAgent.Core.Net;

namespace PhoneAgent.Core.Http
{
    /// <summary>An http:// or https:// URL split as RFC 3986 §3 does: scheme, host (reg-name or
    /// IPv4 literal), port, path and query. Percent-encoding is kept exactly as written (the
    /// request target is sent as given). The fragment is dropped: it never goes on the wire
    /// (RFC 3986 §3.5, RFC 9110 §4.2.5). https:// parses but NeedsTls says this client alone
    /// cannot fetch it.</summary>
    public sealed class HttpUrl
    {
        /// <summary>RFC 9110 §4.1: senders and recipients should support URIs of at least 8000 octets.</summary>
        public const int MaxLength = 8000;
        /// <summary>DNS names are at most 253 characters (RFC 1035 §2.3.4: 255 octets on the wire).</summary>
        public const int MaxHostLength = 253;

        private readonly string _scheme;
        private readonly string _host;
        private readonly int _port;
        private readonly string _pathAndQuery;
        private readonly uint _address;
        private readonly bool _isAddress;

        private HttpUrl(string scheme, string host, int port, string pathAndQuery, bool isAddress, uint address)
        {
            _scheme = scheme;
            _host = host;
            _port = port;
            _pathAndQuery = pathAndQuery;
            _isAddress = isAddress;
            _address = address;
        }

        /// <summary>"http" or "https", lower case.</summary>
        public string Scheme { get { return _scheme; } }
        /// <summary>The host, lower case (RFC 3986 §3.2.2: case-insensitive).</summary>
        public string Host { get { return _host; } }
        public int Port { get { return _port; } }
        /// <summary>The origin-form request target: path (at least "/", RFC 9112 §3.2.1) and "?query".</summary>
        public string PathAndQuery { get { return _pathAndQuery; } }
        /// <summary>True when the host is an IPv4 literal; Address then holds it.</summary>
        public bool HostIsAddress { get { return _isAddress; } }
        public uint Address { get { return _address; } }
        public bool NeedsTls { get { return _scheme == "https"; } }
        public int DefaultPort { get { return NeedsTls ? 443 : 80; } }

        /// <summary>Host header value (RFC 9110 §7.2): host, and ":port" when not the scheme's default.</summary>
        public string Authority { get { return _port == DefaultPort ? _host : _host + ":" + _port.ToString(); } }

        public override string ToString() { return _scheme + "://" + Authority + _pathAndQuery; }

        /// <summary>Parses an absolute http/https URL; null with reason on anything else.</summary>
        public static HttpUrl TryParse(string text, out string reason)
        {
            reason = null;
            if (text == null || text.Length == 0) { reason = "empty URL"; return null; }
            if (text.Length > MaxLength) { reason = "URL longer than " + MaxLength.ToString() + " characters"; return null; }
            // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1)
            int colon = -1;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == ':') { colon = i; break; }
                bool ok = IsAlpha(c) || (i > 0 && (IsDigit(c) || c == '+' || c == '-' || c == '.'));
                if (!ok) break;
            }
            if (colon <= 0) { reason = "'" + Shorten(text) + "' is not an absolute URL (no scheme)"; return null; }
            string scheme = Util.Ascii.Lower(text.Substring(0, colon));
            if (scheme != "http" && scheme != "https")
            {
                reason = "unsupported scheme '" + scheme + "' (only http://; https:// needs TLS)";
                return null;
            }
            if (text.Length < colon + 3 || text[colon + 1] != '/' || text[colon + 2] != '/')
            {
                reason = "'" + Shorten(text) + "' has no //authority";
                return null;
            }
            return ParseAfterScheme(scheme, text, colon + 3, out reason);
        }

        /// <summary>Resolves a Location value (RFC 9110 §10.2.2: a URI-reference) against this URL:
        /// absolute URLs, network-path ("//host/p") and absolute-path ("/p") references. Relative
        /// paths ("p", "../p") are refused rather than merged (RFC 3986 §5.2.3 would need dot-segment removal).</summary>
        public HttpUrl Resolve(string reference, out string reason)
        {
            reason = null;
            if (reference == null || reference.Length == 0) { reason = "empty redirect location"; return null; }
            if (reference.Length > MaxLength) { reason = "redirect location longer than " + MaxLength.ToString() + " characters"; return null; }
            if (reference.Length >= 2 && reference[0] == '/' && reference[1] == '/') return ParseAfterScheme(_scheme, reference, 2, out reason);
            if (reference[0] == '/')
            {
                string path = TrimFragment(reference, 0);
                if (!ValidPath(path, out reason)) return null;
                return new HttpUrl(_scheme, _host, _port, path, _isAddress, _address);
            }
            if (reference[0] == '?')
            {
                string pq = _pathAndQuery;
                int q = pq.IndexOf('?');
                string path = (q >= 0 ? pq.Substring(0, q) : pq) + TrimFragment(reference, 0);
                if (!ValidPath(path, out reason)) return null;
                return new HttpUrl(_scheme, _host, _port, path, _isAddress, _address);
            }
            if (HasScheme(reference)) return TryParse(reference, out reason);
            reason = "relative redirect location '" + Shorten(reference) + "' is not supported (only absolute URLs and /paths)";
            return null;
        }

        /// <summary>RFC 3986 §4.2: a reference whose first ':' comes before any '/', '?' or '#' has a scheme.</summary>
        private static bool HasScheme(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == ':') return i > 0;
                if (c == '/' || c == '?' || c == '#') return false;
            }
            return false;
        }

        private static HttpUrl ParseAfterScheme(string scheme, string text, int start, out string reason)
        {
            reason = null;
            int end = text.Length;
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '/' || c == '?' || c == '#') { end = i; break; }
            }
            string authority = text.Substring(start, end - start);
            if (authority.IndexOf('@') >= 0)
            {
                // RFC 9110 §4.2.4: userinfo must not be sent; a URL carrying it is likely a mistake or a trick.
                reason = "user name or password in the URL is not supported (RFC 9110 §4.2.4)";
                return null;
            }
            if (authority.Length > 0 && authority[0] == '[') { reason = "IPv6 address literals are not supported"; return null; }
            int portStart = authority.LastIndexOf(':');
            string host = portStart >= 0 ? authority.Substring(0, portStart) : authority;
            int port = scheme == "https" ? 443 : 80;
            if (portStart >= 0 && portStart < authority.Length - 1)
            {
                // port = *DIGIT (RFC 3986 §3.2.3); an empty port means the default.
                string p = authority.Substring(portStart + 1);
                if (p.Length > 5) { reason = "port '" + Shorten(p) + "' is not a number 1..65535"; return null; }
                int v = 0;
                for (int i = 0; i < p.Length; i++)
                {
                    if (!IsDigit(p[i])) { reason = "port '" + Shorten(p) + "' is not a number 1..65535"; return null; }
                    v = v * 10 + (p[i] - '0');
                }
                if (v < 1 || v > 65535) { reason = "port " + v.ToString() + " is not in 1..65535"; return null; }
                port = v;
            }
            // RFC 9110 §4.2.1: an http URI with an empty host is invalid.
            if (host.Length == 0) { reason = "no host in '" + Shorten(text) + "'"; return null; }
            if (host.Length > MaxHostLength) { reason = "host name longer than " + MaxHostLength.ToString() + " characters"; return null; }
            bool allDigitsAndDots = true;
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (!IsDigit(c) && c != '.') allDigitsAndDots = false;
                // reg-name = *( unreserved / pct-encoded / sub-delims ) (RFC 3986 §3.2.2)
                if (c == '%')
                {
                    if (i + 2 >= host.Length || !IsHex(host[i + 1]) || !IsHex(host[i + 2])) { reason = "bad percent-encoding in host"; return null; }
                    continue;
                }
                if (!IsUnreserved(c) && !IsSubDelim(c)) { reason = "character '" + Visible(c) + "' not allowed in a host name"; return null; }
            }
            uint address = 0;
            bool isAddress = false;
            if (allDigitsAndDots)
            {
                // A host of digits and dots is meant as IPv4; RFC 3986's dec-octet has no leading zeros,
                // and "010.1" style forms are read as octal or short forms by some stacks: refuse them.
                if (!StrictIpv4(host, out address)) { reason = "'" + host + "' is not a dotted-quad IPv4 address"; return null; }
                isAddress = true;
            }
            string pathAndQuery = TrimFragment(text, end);
            if (pathAndQuery.Length == 0 || pathAndQuery[0] == '?') pathAndQuery = "/" + pathAndQuery;
            if (!ValidPath(pathAndQuery, out reason)) return null;
            return new HttpUrl(scheme, Util.Ascii.Lower(host), port, pathAndQuery, isAddress, address);
        }

        private static string TrimFragment(string text, int start)
        {
            int hash = text.IndexOf('#', start);
            return hash >= 0 ? text.Substring(start, hash - start) : text.Substring(start);
        }

        /// <summary>path-abempty [ "?" query ]: pchar, "/", "?" and well-formed %HH only (RFC 3986 §3.3, §3.4).</summary>
        private static bool ValidPath(string pq, out string reason)
        {
            reason = null;
            for (int i = 0; i < pq.Length; i++)
            {
                char c = pq[i];
                if (c == '%')
                {
                    if (i + 2 >= pq.Length || !IsHex(pq[i + 1]) || !IsHex(pq[i + 2])) { reason = "bad percent-encoding in the path or query"; return false; }
                    i += 2;
                    continue;
                }
                if (IsUnreserved(c) || IsSubDelim(c) || c == ':' || c == '@' || c == '/' || c == '?') continue;
                reason = "character '" + Visible(c) + "' must be percent-encoded in the path or query";
                return false;
            }
            return true;
        }

        private static bool StrictIpv4(string s, out uint address)
        {
            address = 0;
            if (!Ip4.TryParse(s, out address)) return false;
            for (int i = 0; i < s.Length - 1; i++)
            {
                bool startsOctet = i == 0 || s[i - 1] == '.';
                if (startsOctet && s[i] == '0' && s[i + 1] != '.') return false;
            }
            return true;
        }

        /// <summary>Percent-encodes everything but unreserved characters (RFC 3986 §2.3): for query
        /// values such as SCEP's base64 message (RFC 8894 §4.1), whose '+', '/' and '=' must be encoded.</summary>
        public static string EncodeComponent(string value)
        {
            byte[] b = Util.Ascii.GetBytes(value);
            System.Text.StringBuilder sb = new System.Text.StringBuilder(b.Length * 3);
            for (int i = 0; i < b.Length; i++)
            {
                char c = (char)b[i];
                if (b[i] < 0x80 && IsUnreserved(c)) sb.Append(c);
                else
                {
                    sb.Append('%');
                    string h = Util.Hex.Byte(b[i]);
                    sb.Append(h.ToUpper());   // RFC 3986 §2.1: uppercase hex digits should be used
                }
            }
            return sb.ToString();
        }

        private static bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
        private static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
        private static bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
        private static bool IsUnreserved(char c) { return IsAlpha(c) || IsDigit(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

        private static bool IsSubDelim(char c)
        {
            return c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=';
        }

        private static string Visible(char c)
        {
            if (c == ' ') return "space";
            if (c < 0x20 || c >= 0x7F) return "\\x" + Util.Hex.Byte(c & 0xFF) + (c > 0xFF ? "..." : "");
            return c.ToString();
        }

        private static string Shorten(string s) { return s.Length <= 80 ? Printable(s) : Printable(s.Substring(0, 77)) + "..."; }

        private static string Printable(string s)
        {
            char[] c = s.ToCharArray();
            for (int i = 0; i < c.Length; i++) if (c[i] < 0x20 || c[i] >= 0x7F) c[i] = '?';
            return new string(c);
        }
    }
}
