using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sip
{
    /// <summary>One Via value (RFC 3261 §20.42, §25.1): sent-protocol LWS sent-by *( SEMI via-params ),
    /// with rport (RFC 3581 §3) present with or without a value.</summary>
    public sealed class SipVia
    {
        /// <summary>RFC 3261 §8.1.1.7: branches of RFC 3261 elements start with this.</summary>
        public const string MagicCookie = "z9hG4bK";

        public string ProtocolName = "SIP";
        public string ProtocolVersion = "2.0";
        /// <summary>Transport as written: "UDP", "TCP", "TLS", "SCTP", "WS", or an extension token.</summary>
        public string Transport;
        public string Host;
        public int HostKind;
        /// <summary>-1 when absent.</summary>
        public int Port = -1;
        public readonly SipParameters Parameters = new SipParameters();

        public SipVia() { }

        /// <summary>A Via for a request this element sends (RFC 3261 §8.1.1.7; rport per RFC 3581 §3).</summary>
        public SipVia(string transport, string host, int port, string branch, bool rport)
        {
            if (transport == null || transport.Length == 0) throw new System.ArgumentException("no transport");
            for (int i = 0; i < transport.Length; i++)
            {
                if (!SipChars.IsToken(transport[i])) throw new System.ArgumentException("transport is not a token");
            }
            HostKind = SipHost.Classify(host);
            if (HostKind == SipHost.Invalid) throw new System.ArgumentException("invalid host");
            if (port < -1 || port > 65535) throw new System.ArgumentException("invalid port");
            Transport = transport;
            Host = host;
            Port = port;
            if (branch != null) Parameters.Add("branch", branch, false);
            if (rport) Parameters.Add("rport", null, false);
        }

        public string Branch { get { return Parameters.Get("branch"); } }

        /// <summary>received parameter (the address the request came from), or null.</summary>
        public string Received { get { return Parameters.Get("received"); } }

        public string Maddr { get { return Parameters.Get("maddr"); } }

        /// <summary>rport present (as "rport" or "rport=N").</summary>
        public bool HasRPort { get { return Parameters.Contains("rport"); } }

        /// <summary>The port filled in by the server (RFC 3581 §4), -1 when absent or valueless.</summary>
        public int RPort
        {
            get
            {
                string v = Parameters.Get("rport");
                long p;
                if (v == null || SipText.ParseDecimal(v, 0, v.Length, 65535, out p) != 0) return -1;
                return (int)p;
            }
        }

        /// <summary>Branch starts with the RFC 3261 magic cookie.</summary>
        public bool HasMagicCookie
        {
            get
            {
                string b = Branch;
                return b != null && b.Length >= MagicCookie.Length && b.Substring(0, MagicCookie.Length) == MagicCookie;
            }
        }

        public static SipVia TryParse(string value, out string error)
        {
            SipScanner s = new SipScanner(value);
            SipVia v = TryRead(s, out error);
            if (v == null) return null;
            s.SkipWs();
            if (!s.AtEnd) { error = "unexpected " + s.Here() + " in Via"; return null; }
            return v;
        }

        public static SipVia TryRead(SipScanner s, out string error)
        {
            error = null;
            SipVia v = new SipVia();
            s.SkipWs();
            // sent-protocol = protocol-name SLASH protocol-version SLASH transport; SLASH = SWS "/" SWS
            v.ProtocolName = s.ReadToken();
            if (v.ProtocolName == null) { error = s.AtEnd ? "empty Via value" : "Via protocol name expected, found " + s.Here(); return null; }
            if (!Slash(s)) { error = "Via: '/' expected after the protocol name"; return null; }
            v.ProtocolVersion = s.ReadToken();
            if (v.ProtocolVersion == null) { error = "Via: protocol version expected"; return null; }
            if (!Slash(s)) { error = "Via: '/' expected after the protocol version"; return null; }
            v.Transport = s.ReadToken();
            if (v.Transport == null) { error = "Via: transport expected"; return null; }
            int ws = s.Pos;
            s.SkipWs();
            if (s.Pos == ws) { error = "Via: whitespace expected between the protocol and sent-by"; return null; }
            // sent-by = host [ COLON port ]
            int hs = s.Pos;
            if (s.Peek() == '[' && !s.AtEnd)
            {
                while (!s.AtEnd && s.Peek() != ']') s.Pos++;
                if (!s.TryChar(']')) { error = "Via: unterminated IPv6 reference"; return null; }
            }
            else
            {
                while (!s.AtEnd && (SipChars.IsAlphaNum(s.Peek()) || s.Peek() == '-' || s.Peek() == '.')) s.Pos++;
            }
            v.Host = s.Text.Substring(hs, s.Pos - hs);
            v.HostKind = SipHost.Classify(v.Host);
            if (v.HostKind == SipHost.Invalid) { error = v.Host.Length == 0 ? "Via: sent-by host expected, found " + s.Here() : "Via: invalid host " + v.Host; return null; }
            int mark = s.Pos;
            s.SkipWs();
            if (s.TryChar(':'))
            {
                s.SkipWs();
                int ps = s.Pos;
                while (!s.AtEnd && SipChars.IsDigit(s.Peek())) s.Pos++;
                long port;
                if (SipText.ParseDecimal(s.Text, ps, s.Pos, 65535, out port) != 0) { error = "Via: invalid port"; return null; }
                v.Port = (int)port;
            }
            else
            {
                s.Pos = mark;
            }
            if (!SipParameters.TryRead(s, v.Parameters, out error)) { error = "Via: " + error; return null; }
            return v.Check(out error) ? v : null;
        }

        private static bool Slash(SipScanner s)
        {
            s.SkipWs();
            if (!s.TryChar('/')) return false;
            s.SkipWs();
            return true;
        }

        /// <summary>Value checks of the via-params with defined syntax (RFC 3261 §25.1, RFC 3581).</summary>
        private bool Check(out string error)
        {
            error = null;
            for (int i = 0; i < Parameters.Count; i++)
            {
                string n = Parameters.NameAt(i), val = Parameters.ValueAt(i);
                long x;
                if (Ascii.EqualsIgnoreCase(n, "ttl"))
                {
                    if (val == null || SipText.ParseDecimal(val, 0, val.Length, 255, out x) != 0) { error = "Via: ttl must be 0-255"; return false; }
                }
                else if (Ascii.EqualsIgnoreCase(n, "rport"))
                {
                    if (val != null && SipText.ParseDecimal(val, 0, val.Length, 65535, out x) != 0) { error = "Via: rport must be a port number"; return false; }
                }
                else if (Ascii.EqualsIgnoreCase(n, "received"))
                {
                    // via-received = "received" EQUAL (IPv4address / IPv6address); brackets are tolerated.
                    if (val == null) { error = "Via: received without a value"; return false; }
                    bool ok = SipHost.IsIPv4(val, 0, val.Length) || SipHost.IsIPv6(val, 0, val.Length) || SipHost.IsIPv6Reference(val);
                    if (!ok) { error = "Via: received is not an IP address"; return false; }
                }
                else if (Ascii.EqualsIgnoreCase(n, "maddr") || Ascii.EqualsIgnoreCase(n, "branch"))
                {
                    if (val == null) { error = "Via: " + n + " without a value"; return false; }
                    if (n.Length == 5 && SipHost.Classify(val) == SipHost.Invalid) { error = "Via: maddr is not a host"; return false; }
                }
            }
            return true;
        }

        /// <summary>"SIP/2.0/UDP host:port;params"</summary>
        public override string ToString()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            sb.Append(ProtocolName);
            sb.Append('/');
            sb.Append(ProtocolVersion);
            sb.Append('/');
            sb.Append(Transport);
            sb.Append(' ');
            sb.Append(Host);
            if (Port >= 0)
            {
                sb.Append(':');
                sb.Append(Port);
            }
            Parameters.AppendHeaderParams(sb);
            return sb.ToString();
        }
    }
}
