namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>One challenge or credentials element as written on the wire (RFC 7235 §2.1):
    /// an auth-scheme followed by either a token68 or a list of auth-params. Names keep their
    /// spelling; lookups are case-insensitive (RFC 7235 §2.1: parameter names are matched
    /// case-insensitively). Values are unquoted, with quoted-pair escapes removed.</summary>
    public sealed class AuthParams
    {
        private readonly string[] _names;
        private readonly string[] _values;
        private readonly bool[] _quoted;

        public AuthParams(string scheme, string token68, string[] names, string[] values, bool[] quoted)
        {
            Scheme = scheme;
            Token68 = token68;
            _names = names ?? new string[0];
            _values = values ?? new string[0];
            _quoted = quoted ?? new bool[_names.Length];
        }

        /// <summary>The auth-scheme as sent ("Digest", "NTLM"...), or null for a bare
        /// parameter list (an RFC 7615 Authentication-Info value).</summary>
        public string Scheme { get; private set; }

        /// <summary>The token68 form (RFC 7235 §2.1), or null when parameters were sent.</summary>
        public string Token68 { get; private set; }

        public int Count { get { return _names.Length; } }

        public string NameAt(int i) { return _names[i]; }

        public string ValueAt(int i) { return _values[i]; }

        /// <summary>The value was a quoted-string (RFC 7616 requires some parameters to be
        /// quoted and others to be tokens; we accept either, but keep the fact).</summary>
        public bool QuotedAt(int i) { return _quoted[i]; }

        /// <summary>The value of the named parameter, or null when absent.</summary>
        public string Get(string name)
        {
            for (int i = 0; i < _names.Length; i++)
            {
                if (Util.Ascii.EqualsIgnoreCase(_names[i], name)) return _values[i];
            }
            return null;
        }

        public bool Has(string name) { return Get(name) != null; }

        /// <summary>True when Scheme equals s ignoring ASCII case (RFC 7235 §2.1: schemes are
        /// case-insensitive).</summary>
        public bool IsScheme(string s) { return Scheme != null && Util.Ascii.EqualsIgnoreCase(Scheme, s); }

        /// <summary>The scheme and parameter names only: values can be nonces, tickets or
        /// signatures and are left out of logs.</summary>
        public override string ToString()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            sb.Append(Scheme ?? "(no scheme)");
            if (Token68 != null) sb.Append(" <token68>");
            for (int i = 0; i < _names.Length; i++)
            {
                sb.Append(i == 0 ? " " : ", ");
                sb.Append(_names[i]);
            }
            return sb.ToString();
        }
    }
}
