using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sip
{
    /// <summary>A SIP or SIPS URI (RFC 3261 §19.1.1):
    /// sip:user:password@host:port;uri-parameters?headers. User, parameters and headers are
    /// held unescaped (so "%00" is a real U+0000 and "sips%3Auser%40example.com" is the user
    /// "sips:user@example.com"); ToString escapes them again. A password is accepted on input
    /// (RFC 4475 §3.1.1.2 has one) but never kept: RFC 3261 §19.1.1 advises against it, and a
    /// secret must not travel into logs through ToString.</summary>
    public sealed class SipUri
    {
        public const int MaxLength = 4096;

        /// <summary>"sip" or "sips", lower case.</summary>
        public string Scheme;
        /// <summary>Unescaped user part, or null when the URI has no userinfo.</summary>
        public string User;
        /// <summary>The input had ":password" in its userinfo (the password was dropped).</summary>
        public bool HadPassword;
        /// <summary>As written; IPv6 references keep their brackets.</summary>
        public string Host;
        /// <summary>SipHost.Name, IPv4 or IPv6.</summary>
        public int HostKind;
        /// <summary>-1 when absent.</summary>
        public int Port = -1;
        public readonly SipParameters Parameters = new SipParameters();
        /// <summary>URI headers ("?name=value&amp;..."); values may be empty strings.</summary>
        public readonly SipParameters Headers = new SipParameters();

        public SipUri() { }

        /// <summary>Builds sip:user@host[:port] (user may be null; port -1 for none).</summary>
        public SipUri(string scheme, string user, string host, int port)
        {
            if (!Ascii.EqualsIgnoreCase(scheme, "sip") && !Ascii.EqualsIgnoreCase(scheme, "sips")) throw new System.ArgumentException("scheme must be sip or sips");
            int kind = SipHost.Classify(host);
            if (kind == SipHost.Invalid) throw new System.ArgumentException("invalid host");
            if (port < -1 || port > 65535) throw new System.ArgumentException("invalid port");
            if (user != null && user.Length == 0) throw new System.ArgumentException("user is empty");
            Scheme = Ascii.Lower(scheme);
            User = user;
            Host = host;
            HostKind = kind;
            Port = port;
        }

        public bool IsSecure { get { return Scheme == "sips"; } }

        /// <summary>transport uri-parameter (e.g. "udp", "tcp", "tls"), or null.</summary>
        public string Transport { get { return Parameters.Get("transport"); } }

        /// <summary>lr parameter present (loose routing, RFC 3261 §19.1.1).</summary>
        public bool LooseRoute { get { return Parameters.Contains("lr"); } }

        public string Maddr { get { return Parameters.Get("maddr"); } }

        /// <summary>user uri-parameter ("phone", "ip"), or null.</summary>
        public string UserParam { get { return Parameters.Get("user"); } }

        public static SipUri TryParse(string text, out string error)
        {
            if (text == null) { error = "no URI"; return null; }
            return TryParse(text, 0, text.Length, out error);
        }

        public static SipUri TryParse(string s, int start, int end, out string error)
        {
            error = null;
            if (end - start > MaxLength) { error = "URI longer than " + MaxLength.ToString() + " characters"; return null; }
            int colon = -1;
            for (int i = start; i < end; i++)
            {
                if (s[i] == ':') { colon = i; break; }
                if (!SipChars.IsSchemeChar(s[i])) break;
            }
            if (colon < 0) { error = "URI has no scheme"; return null; }
            string scheme = Ascii.Lower(s.Substring(start, colon - start));
            if (scheme != "sip" && scheme != "sips") { error = "scheme " + scheme + " is not sip or sips"; return null; }
            SipUri u = new SipUri();
            u.Scheme = scheme;
            int p = colon + 1;

            // userinfo: '@' cannot occur unescaped in user, password, host, parameters or
            // headers (§25.1), so the first '@' ends the userinfo.
            int at = -1;
            for (int i = p; i < end; i++)
            {
                if (s[i] == '@') { at = i; break; }
            }
            if (at >= 0)
            {
                int pw = -1;
                for (int i = p; i < at; i++)
                {
                    if (s[i] == ':') { pw = i; break; }     // ':' is not a user char
                }
                int userEnd = pw >= 0 ? pw : at;
                if (userEnd == p) { error = "URI has an empty user part"; return null; }
                int bad = SipText.FindInvalid(s, p, userEnd, SipText.ClassUser);
                if (bad >= 0) { error = "invalid character in URI user part at " + (bad - start + 1).ToString(); return null; }
                u.User = SipText.Unescape(s, p, userEnd);
                if (pw >= 0)
                {
                    bad = SipText.FindInvalid(s, pw + 1, at, SipText.ClassPassword);
                    if (bad >= 0) { error = "invalid character in URI password"; return null; }
                    u.HadPassword = true;
                }
                p = at + 1;
            }

            // hostport
            int hostEnd;
            if (p < end && s[p] == '[')
            {
                hostEnd = p;
                while (hostEnd < end && s[hostEnd] != ']') hostEnd++;
                if (hostEnd == end) { error = "unterminated IPv6 reference in URI"; return null; }
                hostEnd++;
            }
            else
            {
                hostEnd = p;
                while (hostEnd < end && s[hostEnd] != ':' && s[hostEnd] != ';' && s[hostEnd] != '?') hostEnd++;
            }
            u.Host = s.Substring(p, hostEnd - p);
            u.HostKind = SipHost.Classify(u.Host);
            if (u.HostKind == SipHost.Invalid) { error = u.Host.Length == 0 ? "URI has no host" : "invalid host in URI: " + u.Host; return null; }
            p = hostEnd;
            if (p < end && s[p] == ':')
            {
                int portEnd = p + 1;
                while (portEnd < end && s[portEnd] != ';' && s[portEnd] != '?') portEnd++;
                long port;
                if (SipText.ParseDecimal(s, p + 1, portEnd, 65535, out port) != 0) { error = "invalid port in URI"; return null; }
                u.Port = (int)port;
                p = portEnd;
            }

            // uri-parameters = *( ";" pname [ "=" pvalue ] )
            while (p < end && s[p] == ';')
            {
                if (u.Parameters.Count >= SipLimits.MaxParameters) { error = "URI has more than " + SipLimits.MaxParameters.ToString() + " parameters"; return null; }
                int nameStart = p + 1, q = nameStart;
                while (q < end && s[q] != '=' && s[q] != ';' && s[q] != '?') q++;
                if (q == nameStart) { error = "URI has an empty parameter"; return null; }
                if (SipText.FindInvalid(s, nameStart, q, SipText.ClassParam) >= 0) { error = "invalid character in URI parameter name"; return null; }
                string name = SipText.Unescape(s, nameStart, q);
                string value = null;
                if (q < end && s[q] == '=')
                {
                    int vs = q + 1;
                    q = vs;
                    while (q < end && s[q] != ';' && s[q] != '?') q++;
                    if (q == vs) { error = "URI parameter " + name + " has '=' but no value"; return null; }
                    if (SipText.FindInvalid(s, vs, q, SipText.ClassParam) >= 0) { error = "invalid character in URI parameter " + name; return null; }
                    value = SipText.Unescape(s, vs, q);
                }
                u.Parameters.Add(name, value, false);
                p = q;
            }

            // headers = "?" header *( "&" header ); header = hname "=" hvalue
            if (p < end && s[p] == '?')
            {
                p++;
                while (true)
                {
                    if (u.Headers.Count >= SipLimits.MaxParameters) { error = "URI has more than " + SipLimits.MaxParameters.ToString() + " headers"; return null; }
                    int q = p;
                    while (q < end && s[q] != '=' && s[q] != '&') q++;
                    if (q == p || q == end || s[q] != '=') { error = "URI header is not name=value"; return null; }
                    if (SipText.FindInvalid(s, p, q, SipText.ClassHeader) >= 0) { error = "invalid character in URI header name"; return null; }
                    string name = SipText.Unescape(s, p, q);
                    int vs = q + 1;
                    q = vs;
                    while (q < end && s[q] != '&') q++;
                    if (SipText.FindInvalid(s, vs, q, SipText.ClassHeader) >= 0) { error = "invalid character in URI header " + name; return null; }
                    u.Headers.Add(name, SipText.Unescape(s, vs, q), false);
                    p = q;
                    if (p == end) break;
                    p++;            // '&'
                }
            }
            if (p != end) { error = "unexpected '" + s[p].ToString() + "' in URI"; return null; }
            return u;
        }

        /// <summary>The URI with user, parameters and headers escaped; never the password.</summary>
        public override string ToString()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            sb.Append(Scheme);
            sb.Append(':');
            if (User != null)
            {
                SipText.Escape(sb, User, SipText.ClassUser);
                sb.Append('@');
            }
            sb.Append(Host);
            if (Port >= 0)
            {
                sb.Append(':');
                sb.Append(Port);
            }
            for (int i = 0; i < Parameters.Count; i++)
            {
                sb.Append(';');
                SipText.Escape(sb, Parameters.NameAt(i), SipText.ClassParam);
                string v = Parameters.ValueAt(i);
                if (v == null) continue;
                sb.Append('=');
                SipText.Escape(sb, v, SipText.ClassParam);
            }
            for (int i = 0; i < Headers.Count; i++)
            {
                sb.Append(i == 0 ? '?' : '&');
                SipText.Escape(sb, Headers.NameAt(i), SipText.ClassHeader);
                sb.Append('=');
                SipText.Escape(sb, Headers.ValueAt(i), SipText.ClassHeader);
            }
            return sb.ToString();
        }
    }
}
