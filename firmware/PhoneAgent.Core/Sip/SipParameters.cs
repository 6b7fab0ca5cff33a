using System.Collections;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sip
{
    /// <summary>Ordered ";name=value" parameters of a header value (generic-param, RFC 3261
    /// §25.1) or of a URI (uri-parameter, §19.1.1). Names compare case-insensitively; a
    /// parameter without "=value" has a null value; quoted values are kept unquoted with a flag
    /// so they are written back quoted.</summary>
    public sealed class SipParameters
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _values = new ArrayList();
        private readonly ArrayList _quoted = new ArrayList();

        public int Count { get { return _names.Count; } }

        public string NameAt(int i) { return (string)_names[i]; }

        public string ValueAt(int i) { return (string)_values[i]; }

        public bool IsQuotedAt(int i) { return (bool)_quoted[i]; }

        public int IndexOf(string name)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                if (Ascii.EqualsIgnoreCase((string)_names[i], name)) return i;
            }
            return -1;
        }

        public bool Contains(string name) { return IndexOf(name) >= 0; }

        /// <summary>The value of the first parameter with this name; null when absent or valueless
        /// (use Contains to tell those apart).</summary>
        public string Get(string name)
        {
            int i = IndexOf(name);
            return i < 0 ? null : (string)_values[i];
        }

        public void Add(string name, string value, bool quoted)
        {
            if (name == null || name.Length == 0) throw new System.ArgumentException("parameter name is empty");
            _names.Add(name);
            _values.Add(value);
            _quoted.Add(quoted && value != null);
        }

        /// <summary>Replaces the first parameter of this name (keeping its place) or appends it.</summary>
        public void Set(string name, string value, bool quoted)
        {
            int i = IndexOf(name);
            if (i < 0) { Add(name, value, quoted); return; }
            _values[i] = value;
            _quoted[i] = quoted && value != null;
        }

        public void Remove(string name)
        {
            int i;
            while ((i = IndexOf(name)) >= 0)
            {
                _names.RemoveAt(i);
                _values.RemoveAt(i);
                _quoted.RemoveAt(i);
            }
        }

        /// <summary>Writes ";name=value" for each header parameter (token, host or quoted-string values).</summary>
        public void AppendHeaderParams(System.Text.StringBuilder sb)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                sb.Append(';');
                sb.Append((string)_names[i]);
                string v = (string)_values[i];
                if (v == null) continue;
                sb.Append('=');
                if ((bool)_quoted[i]) SipText.Quote(sb, v);
                else sb.Append(v);
            }
        }

        /// <summary>Reads *( SEMI generic-param ) where generic-param = token [ EQUAL gen-value ]
        /// and gen-value = token / host / quoted-string (RFC 3261 §25.1). Stops before the first
        /// char that is not ';' after optional whitespace.</summary>
        public static bool TryRead(SipScanner s, SipParameters into, out string error)
        {
            error = null;
            while (true)
            {
                int mark = s.Pos;
                s.SkipWs();
                if (!s.TryChar(';')) { s.Pos = mark; return true; }
                if (into.Count >= SipLimits.MaxParameters) { error = "more than " + SipLimits.MaxParameters.ToString() + " parameters"; return false; }
                s.SkipWs();
                string name = s.ReadToken();
                if (name == null)
                {
                    error = s.AtEnd || s.Peek() == ';' || s.Peek() == ',' ? "empty parameter after ';'" : "parameter name expected, found " + s.Here();
                    return false;
                }
                int afterName = s.Pos;
                s.SkipWs();
                if (!s.TryChar('='))
                {
                    s.Pos = afterName;
                    into.Add(name, null, false);
                    continue;
                }
                s.SkipWs();
                string value;
                bool quoted = false;
                if (s.Peek() == '"' && !s.AtEnd)
                {
                    if (!s.ReadQuoted(out value, out error)) { error = "parameter " + name + ": " + error; return false; }
                    quoted = true;
                }
                else if (s.Peek() == '[' && !s.AtEnd)
                {
                    int start = s.Pos;
                    while (!s.AtEnd && s.Peek() != ']') s.Pos++;
                    if (!s.TryChar(']')) { error = "parameter " + name + ": unterminated IPv6 reference"; return false; }
                    value = s.Text.Substring(start, s.Pos - start);
                    if (!SipHost.IsIPv6Reference(value)) { error = "parameter " + name + ": invalid IPv6 reference " + value; return false; }
                }
                else
                {
                    int vs = s.Pos;
                    value = s.ReadToken();
                    if (value == null) { error = "parameter " + name + " has '=' but no value"; return false; }
                    if (s.Peek() == ':' && Ascii.EqualsIgnoreCase(name, "received"))
                    {
                        // via-received allows a bare IPv6address (RFC 3261 §25.1); SipVia checks it.
                        while (!s.AtEnd && (SipChars.IsHex(s.Peek()) || s.Peek() == ':' || s.Peek() == '.')) s.Pos++;
                        value = s.Text.Substring(vs, s.Pos - vs);
                    }
                }
                into.Add(name, value, quoted);
            }
        }
    }
}
