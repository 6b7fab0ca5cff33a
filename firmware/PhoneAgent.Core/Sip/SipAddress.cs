using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sip
{
    /// <summary>One value of From, To, Contact, Route, Record-Route, Path or Service-Route:
    /// ( name-addr / addr-spec ) *( SEMI generic-param ) (RFC 3261 §25.1, §20.10, §20.20,
    /// §20.39). Header parameters such as tag, expires, q and +sip.instance belong to the
    /// header value, not to the URI (RFC 4475 §3.3.12-13).</summary>
    public sealed class SipAddress
    {
        /// <summary>Display name without quotes (quoted-pairs resolved), or null.</summary>
        public string DisplayName;
        /// <summary>The URI as written between &lt;&gt; or as the addr-spec.</summary>
        public string UriText;
        /// <summary>The parsed URI for sip/sips schemes; null for other schemes.</summary>
        public SipUri Uri;
        /// <summary>Written as name-addr ("&lt;uri&gt;").</summary>
        public bool NameAddr;
        public readonly SipParameters Parameters = new SipParameters();

        public SipAddress() { }

        /// <summary>An address for building messages; written as name-addr.</summary>
        public SipAddress(string displayName, SipUri uri)
        {
            if (uri == null) throw new System.ArgumentNullException(nameof(uri));
            DisplayName = displayName;
            Uri = uri;
            UriText = uri.ToString();
            NameAddr = true;
        }

        /// <summary>The URI scheme in lower case ("sip", "sips", "tel", ...).</summary>
        public string Scheme
        {
            get
            {
                int c = UriText.IndexOf(':');
                return c <= 0 ? "" : Ascii.Lower(UriText.Substring(0, c));
            }
        }

        public string Tag { get { return Parameters.Get("tag"); } }

        /// <summary>The expires header parameter (Contact, RFC 3261 §20.10), -1 when absent
        /// or not a delta-seconds value.</summary>
        public long Expires
        {
            get
            {
                string v = Parameters.Get("expires");
                long e;
                if (v == null || SipText.ParseDecimal(v, 0, v.Length, SipMessage.MaxDeltaSeconds, out e) != 0) return -1;
                return e;
            }
        }

        /// <summary>q parameter text (e.g. "0.33"), or null.</summary>
        public string Q { get { return Parameters.Get("q"); } }

        /// <summary>+sip.instance (RFC 5626 §4.1) without its quotes, e.g. "&lt;urn:uuid:...&gt;", or null.</summary>
        public string Instance { get { return Parameters.Get("+sip.instance"); } }

        /// <summary>Parses a whole header value holding one address.</summary>
        public static SipAddress TryParse(string value, out string error)
        {
            SipScanner s = new SipScanner(value);
            SipAddress a = TryRead(s, out error);
            if (a == null) return null;
            s.SkipWs();
            if (!s.AtEnd) { error = "unexpected " + s.Here() + " after the address"; return null; }
            return a;
        }

        /// <summary>Reads name-addr / addr-spec and its parameters; stops after the parameters.</summary>
        public static SipAddress TryRead(SipScanner s, out string error)
        {
            error = null;
            SipAddress a = new SipAddress();
            s.SkipWs();
            if (s.AtEnd) { error = "empty address"; return null; }
            char c = s.Peek();
            if (c == '"')
            {
                string dn;
                if (!s.ReadQuoted(out dn, out error)) { error = "display name: " + error; return null; }
                a.DisplayName = dn;
                s.SkipWs();
                if (s.Peek() != '<' || s.AtEnd) { error = "expected '<' after the quoted display name, found " + s.Here(); return null; }
            }
            else if (c != '<')
            {
                // display-name = *(token LWS): look ahead through tokens and whitespace for '<'.
                // RFC 4475 §3.1.1.6: no LWS before '<' is accepted.
                int j = s.Pos;
                while (j < s.End && (SipChars.IsToken(s.Text[j]) || SipChars.IsWsp(s.Text[j]))) j++;
                if (j < s.End && s.Text[j] == '<')
                {
                    a.DisplayName = s.Text.Substring(s.Pos, j - s.Pos).Trim();
                    s.Pos = j;
                }
                else if (j < s.End && s.Text[j] != ':' && s.Text.IndexOf('<', j) >= 0 && s.Text.IndexOf('<', j) < s.End)
                {
                    error = "display name has characters outside token and is not quoted (" + s.Text[j].ToString() + ")";
                    return null;
                }
            }

            if (s.TryChar('<'))
            {
                a.NameAddr = true;
                int start = s.Pos;
                while (!s.AtEnd && s.Peek() != '>')
                {
                    // LAQUOT = SWS "<" and RAQUOT = ">" SWS: no whitespace inside (RFC 4475 §3.1.2.14).
                    if (SipChars.IsWsp(s.Peek())) { error = "whitespace inside <> around the URI"; return null; }
                    s.Pos++;
                }
                if (!s.TryChar('>')) { error = "'<' without '>'"; return null; }
                a.UriText = s.Text.Substring(start, s.Pos - 1 - start);
            }
            else
            {
                int start = s.Pos;
                while (!s.AtEnd)
                {
                    char d = s.Peek();
                    if (d == ';' || d == ',' || SipChars.IsWsp(d)) break;
                    if (d == '?')
                    {
                        // RFC 3261 §20.10: a URI with a comma, semicolon or question mark must be in name-addr form.
                        error = "URI with headers ('?') must be enclosed in <> (name-addr form)";
                        return null;
                    }
                    s.Pos++;
                }
                a.UriText = s.Text.Substring(start, s.Pos - start);
            }
            if (!CheckUri(a, out error)) return null;
            if (!SipParameters.TryRead(s, a.Parameters, out error)) return null;
            return a;
        }

        private static bool CheckUri(SipAddress a, out string error)
        {
            error = null;
            string t = a.UriText;
            if (t.Length == 0) { error = "empty URI"; return false; }
            int colon = t.IndexOf(':');
            if (colon <= 0 || !SipChars.IsAlpha(t[0])) { error = "not a URI: " + Truncate(t); return false; }
            for (int i = 1; i < colon; i++)
            {
                if (!SipChars.IsSchemeChar(t[i])) { error = "invalid URI scheme in " + Truncate(t); return false; }
            }
            string scheme = Ascii.Lower(t.Substring(0, colon));
            if (scheme == "sip" || scheme == "sips")
            {
                a.Uri = SipUri.TryParse(t, out error);
                return a.Uri != null;
            }
            // absoluteURI = scheme ":" ( hier-part / opaque-part ) (RFC 2396): uric characters.
            if (colon == t.Length - 1 || SipText.FindInvalid(t, colon + 1, t.Length, SipText.ClassUri) >= 0)
            {
                error = "invalid " + scheme + " URI";
                return false;
            }
            return true;
        }

        private static string Truncate(string t)
        {
            return t.Length <= 40 ? t : t.Substring(0, 40) + "...";
        }

        /// <summary>The header value: name-addr form ("Name" &lt;uri&gt;;params) unless it was parsed as addr-spec.</summary>
        public override string ToString()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            string uri = Uri != null ? Uri.ToString() : UriText;
            if (DisplayName != null && DisplayName.Length > 0)
            {
                if (IsTokenSequence(DisplayName)) sb.Append(DisplayName);
                else SipText.Quote(sb, DisplayName);
                sb.Append(' ');
            }
            bool angle = NameAddr || DisplayName != null || uri.IndexOf(';') >= 0 || uri.IndexOf('?') >= 0 || uri.IndexOf(',') >= 0;
            if (angle) sb.Append('<');
            sb.Append(uri);
            if (angle) sb.Append('>');
            Parameters.AppendHeaderParams(sb);
            return sb.ToString();
        }

        private static bool IsTokenSequence(string s)
        {
            bool lastSpace = true;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == ' ')
                {
                    if (lastSpace) return false;
                    lastSpace = true;
                    continue;
                }
                if (!SipChars.IsToken(c)) return false;
                lastSpace = false;
            }
            return !lastSpace;
        }
    }
}
