using System.Collections;

namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>The syntax of WWW-Authenticate, Proxy-Authenticate, Authorization and
    /// Authentication-Info values: RFC 7235 §2.1 and §4.1 (challenge = auth-scheme
    /// [ 1*SP ( token68 / #auth-param ) ], several challenges per value allowed), RFC 3261 §25.1
    /// (LWS around "=" and ",", folded lines, quoted-pair = "\" %x00-09 / %x0B-0C / %x0E-7F,
    /// UTF-8 in quoted strings), RFC 7230 §7 (empty list elements are skipped). Bounded: at
    /// most MaxValueChars characters, MaxElements challenges and MaxParams parameters each;
    /// never throws on input, a malformed value is rejected with its reason.</summary>
    public static class AuthHeaderParser
    {
        public const int MaxValueChars = 8192;
        public const int MaxElements = 16;
        public const int MaxParams = 32;

        /// <summary>Parses one WWW-Authenticate / Proxy-Authenticate value into AuthParams
        /// elements appended to challenges. On error nothing is appended and error says why.</summary>
        public static bool TryParseChallenges(string value, ArrayList challenges, out string error)
        {
            if (challenges == null) throw new System.ArgumentNullException(nameof(challenges));
            ArrayList found = new ArrayList();
            error = Check(value);
            if (error != null) return false;
            int pos = 0;
            SkipSeparators(value, ref pos);
            if (pos >= value.Length)
            {
                error = "the header has no challenge";
                return false;
            }
            while (pos < value.Length)
            {
                if (found.Count == MaxElements)
                {
                    error = "more than " + MaxElements.ToString() + " challenges in one header";
                    return false;
                }
                AuthParams p = ParseElement(value, ref pos, true, out error);
                if (p == null) return false;
                found.Add(p);
                SkipSeparators(value, ref pos);
            }
            for (int i = 0; i < found.Count; i++) challenges.Add(found[i]);
            return true;
        }

        /// <summary>Parses one Authorization / Proxy-Authorization / Authentication-Info value:
        /// an optional auth-scheme (Authentication-Info has none in RFC 7615; MS-SIPAE puts
        /// "NTLM" first) and its parameters. Returns null with the reason on error.</summary>
        public static AuthParams TryParseCredentials(string value, out string error)
        {
            error = Check(value);
            if (error != null) return null;
            int pos = 0;
            SkipWhitespace(value, ref pos);
            // Schemeless when the first token is directly followed by "=" (a parameter name).
            int save = pos;
            string first = ReadToken(value, ref pos);
            if (first == null)
            {
                error = Where(value, pos, "expected an auth-scheme or a parameter");
                return null;
            }
            SkipWhitespace(value, ref pos);
            AuthParams result;
            if (pos < value.Length && value[pos] == '=')
            {
                pos = save;
                ArrayList names = new ArrayList(), values = new ArrayList(), quoted = new ArrayList();
                if (!ParseParamList(value, ref pos, false, names, values, quoted, out error)) return null;
                result = Make(null, null, names, values, quoted);
            }
            else
            {
                pos = save;
                result = ParseElement(value, ref pos, false, out error);
                if (result == null) return null;
            }
            SkipWhitespace(value, ref pos);
            if (pos < value.Length)
            {
                error = Where(value, pos, "unexpected text after the credentials");
                return null;
            }
            return result;
        }

        private static string Check(string value)
        {
            if (value == null) return "no header value";
            if (value.Length > MaxValueChars) return "the header value is longer than " + MaxValueChars.ToString() + " characters";
            return null;
        }

        // One "auth-scheme [ 1*SP ( token68 / #auth-param ) ]". In a challenge list a comma
        // followed by "token =" continues the parameters; "token" followed by anything else
        // starts the next challenge (RFC 7235 §4.1's note on parsing lists of challenges).
        private static AuthParams ParseElement(string s, ref int pos, bool list, out string error)
        {
            error = null;
            string scheme = ReadToken(s, ref pos);
            if (scheme == null)
            {
                error = Where(s, pos, "expected an auth-scheme");
                return null;
            }
            int spaces = SkipWhitespace(s, ref pos);
            if (pos >= s.Length || s[pos] == ',') return Make(scheme, null, null, null, null);
            if (spaces == 0)
            {
                error = Where(s, pos, "the auth-scheme \"" + Clip(scheme) + "\" must be followed by a space");
                return null;
            }
            string token68 = TryToken68(s, ref pos);
            if (token68 != null) return Make(scheme, token68, null, null, null);
            ArrayList names = new ArrayList(), values = new ArrayList(), quoted = new ArrayList();
            if (!ParseParamList(s, ref pos, list, names, values, quoted, out error)) return null;
            return Make(scheme, null, names, values, quoted);
        }

        private static bool ParseParamList(string s, ref int pos, bool list, ArrayList names, ArrayList values, ArrayList quoted, out string error)
        {
            error = null;
            while (true)
            {
                string name = ReadToken(s, ref pos);
                if (name == null)
                {
                    error = Where(s, pos, "expected a parameter name");
                    return false;
                }
                SkipWhitespace(s, ref pos);
                if (pos >= s.Length || s[pos] != '=')
                {
                    error = Where(s, pos, "parameter \"" + Clip(name) + "\" has no \"=\"");
                    return false;
                }
                pos++;
                SkipWhitespace(s, ref pos);
                bool isQuoted = pos < s.Length && s[pos] == '"';
                string value = isQuoted ? ReadQuoted(s, ref pos, out error) : ReadToken(s, ref pos);
                if (value == null)
                {
                    if (error == null) error = Where(s, pos, "the value of \"" + Clip(name) + "\" is neither a token nor a quoted-string");
                    return false;
                }
                for (int i = 0; i < names.Count; i++)
                {
                    if (Util.Ascii.EqualsIgnoreCase((string)names[i], name))
                    {
                        // RFC 7235 §2.1: each parameter name MUST only occur once per challenge.
                        error = "parameter \"" + Clip(name) + "\" appears twice";
                        return false;
                    }
                }
                if (names.Count == MaxParams)
                {
                    error = "more than " + MaxParams.ToString() + " parameters";
                    return false;
                }
                names.Add(name);
                values.Add(value);
                quoted.Add(isQuoted);
                SkipWhitespace(s, ref pos);
                if (pos >= s.Length) return true;
                if (s[pos] != ',')
                {
                    error = Where(s, pos, "expected \",\" after parameter \"" + Clip(name) + "\"");
                    return false;
                }
                SkipSeparators(s, ref pos);
                if (pos >= s.Length) return true;
                if (list)
                {
                    int save = pos;
                    string next = ReadToken(s, ref pos);
                    SkipWhitespace(s, ref pos);
                    bool isParam = next != null && pos < s.Length && s[pos] == '=';
                    pos = save;
                    if (!isParam) return true;   // the next challenge starts here
                }
            }
        }

        // token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=", and it must
        // be the whole element (end of value or a comma follows).
        private static string TryToken68(string s, int pos0, out int end)
        {
            int p = pos0;
            while (p < s.Length && IsToken68Char(s[p])) p++;
            if (p == pos0)
            {
                end = pos0;
                return null;
            }
            while (p < s.Length && s[p] == '=') p++;
            int q = p;
            SkipWhitespace(s, ref q);
            if (q < s.Length && s[q] != ',')
            {
                end = pos0;
                return null;
            }
            end = q;
            return s.Substring(pos0, p - pos0);
        }

        private static string TryToken68(string s, ref int pos)
        {
            int end;
            string t = TryToken68(s, pos, out end);
            if (t != null) pos = end;
            return t;
        }

        private static string ReadToken(string s, ref int pos)
        {
            int start = pos;
            while (pos < s.Length && IsTchar(s[pos])) pos++;
            return pos == start ? null : s.Substring(start, pos - start);
        }

        // quoted-string with quoted-pair; folded line breaks inside become one space.
        private static string ReadQuoted(string s, ref int pos, out string error)
        {
            error = null;
            int open = pos;
            pos++;
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            while (pos < s.Length)
            {
                char c = s[pos];
                if (c == '"')
                {
                    pos++;
                    return sb.ToString();
                }
                if (c == '\\')
                {
                    if (pos + 1 >= s.Length)
                    {
                        break;
                    }
                    char e = s[pos + 1];
                    if (e == '\r' || e == '\n')
                    {
                        error = Where(s, pos, "a line break cannot be escaped");
                        return null;
                    }
                    sb.Append(e);
                    pos += 2;
                    continue;
                }
                if (c == '\r' || c == '\n')
                {
                    int p = pos;
                    if (!SkipFold(s, ref p))
                    {
                        error = Where(s, pos, "line break inside a quoted-string");
                        return null;
                    }
                    sb.Append(' ');
                    pos = p;
                    continue;
                }
                if ((c < 0x20 && c != '\t') || c == 0x7F)
                {
                    error = Where(s, pos, "control character inside a quoted-string");
                    return null;
                }
                sb.Append(c);
                pos++;
            }
            error = Where(s, open, "the quoted-string is not closed");
            return null;
        }

        /// <summary>Skips SP, HTAB and folded line breaks (CRLF followed by SP/HTAB); returns how
        /// many characters were skipped.</summary>
        private static int SkipWhitespace(string s, ref int pos)
        {
            int start = pos;
            while (pos < s.Length)
            {
                char c = s[pos];
                if (c == ' ' || c == '\t') pos++;
                else if (c == '\r' || c == '\n')
                {
                    int p = pos;
                    if (!SkipFold(s, ref p)) break;
                    pos = p;
                }
                else break;
            }
            return pos - start;
        }

        // RFC 3261 §25.1 LWS: a line break counts as whitespace only when the next line starts
        // with SP or HTAB.
        private static bool SkipFold(string s, ref int pos)
        {
            int p = pos;
            if (p < s.Length && s[p] == '\r') p++;
            if (p < s.Length && s[p] == '\n') p++;
            if (p == pos || p >= s.Length || (s[p] != ' ' && s[p] != '\t')) return false;
            pos = p;
            return true;
        }

        private static void SkipSeparators(string s, ref int pos)
        {
            while (true)
            {
                SkipWhitespace(s, ref pos);
                if (pos < s.Length && s[pos] == ',') pos++;
                else return;
            }
        }

        // RFC 7230 §3.2.6 tchar (a superset of RFC 3261's token characters).
        private static bool IsTchar(char c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
            return "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
        }

        private static bool IsToken68Char(char c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
            return c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }

        private static AuthParams Make(string scheme, string token68, ArrayList names, ArrayList values, ArrayList quoted)
        {
            int n = names == null ? 0 : names.Count;
            string[] ns = new string[n];
            string[] vs = new string[n];
            bool[] qs = new bool[n];
            for (int i = 0; i < n; i++)
            {
                ns[i] = (string)names[i];
                vs[i] = (string)values[i];
                qs[i] = (bool)quoted[i];
            }
            return new AuthParams(scheme, token68, ns, vs, qs);
        }

        private static string Where(string s, int pos, string what)
        {
            string at;
            if (pos >= s.Length) at = "at the end";
            else
            {
                char c = s[pos];
                at = "at character " + (pos + 1).ToString() + (c >= 0x21 && c < 0x7F ? " ('" + c.ToString() + "')" : "");
            }
            return what + " " + at;
        }

        private static string Clip(string s)
        {
            return s.Length <= 40 ? s : s.Substring(0, 40) + "...";
        }
    }
}
