namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>One challenge of a 401/407 with its meaning: Digest (RFC 7616 §3.3, RFC 8760,
    /// RFC 3261 §22.4), NTLM as MS-SIPAE uses it, and the schemes this phone recognises but
    /// does not implement (Kerberos, TLS-DSK, Basic, others), each with the reason an
    /// administrator can act on. Built by FromParams; never throws on what the server sent.</summary>
    public sealed class AuthChallenge
    {
        public const int SchemeOther = 0;
        public const int SchemeDigest = 1;
        public const int SchemeNtlm = 2;
        public const int SchemeKerberos = 3;
        public const int SchemeTlsDsk = 4;
        public const int SchemeBasic = 5;

        /// <summary>Cap on the decoded gssapi-data (an NTLM CHALLENGE_MESSAGE is a few hundred bytes).</summary>
        public const int MaxGssapiBytes = 4096;

        private AuthChallenge() { }

        public AuthParams Params { get; private set; }
        public int Scheme { get; private set; }
        /// <summary>From Proxy-Authenticate (answer with Proxy-Authorization, RFC 3261 §22.3).</summary>
        public bool IsProxy { get; private set; }
        /// <summary>This phone can answer the challenge.</summary>
        public bool Supported { get; private set; }
        /// <summary>Why it cannot ("" when Supported).</summary>
        public string Reason { get; private set; }

        public string Realm { get; private set; }
        public string Opaque { get; private set; }

        // Digest (RFC 7616 §3.3)
        public string Nonce { get; private set; }
        public string Domain { get; private set; }
        /// <summary>stale=true: the nonce expired but the credentials were right; retry with the
        /// new nonce, and do not count it as a failed attempt (RFC 7616 §3.3).</summary>
        public bool Stale { get; private set; }
        /// <summary>The algorithm token as sent, or null when absent (then MD5 is meant).</summary>
        public string AlgorithmToken { get; private set; }
        /// <summary>DigestAlgorithm constant.</summary>
        public int Algorithm { get; private set; }
        /// <summary>A qop parameter was present (if not: RFC 2069 compatibility, no cnonce/nc).</summary>
        public bool QopOffered { get; private set; }
        public bool QopAuth { get; private set; }
        public bool QopAuthInt { get; private set; }
        /// <summary>userhash=true: the server accepts H(username ":" realm) (RFC 7616 §3.4.4).</summary>
        public bool Userhash { get; private set; }
        /// <summary>charset=UTF-8 was announced (RFC 7616 §4); names are UTF-8 either way here.</summary>
        public bool CharsetUtf8 { get; private set; }

        // NTLM (MS-SIPAE)
        public string TargetName { get; private set; }
        /// <summary>The MS-SIPAE version parameter, -1 when absent.</summary>
        public int Version { get; private set; }
        /// <summary>A gssapi-data parameter was present (it may be empty).</summary>
        public bool HasGssapiData { get; private set; }
        /// <summary>The decoded gssapi-data (the NTLM CHALLENGE_MESSAGE), or null.</summary>
        public byte[] GssapiData { get; private set; }

        /// <summary>Interprets a parsed WWW-Authenticate (isProxy false) or Proxy-Authenticate value.</summary>
        public static AuthChallenge FromParams(AuthParams p, bool isProxy)
        {
            if (p == null) throw new System.ArgumentNullException(nameof(p));
            AuthChallenge c = new AuthChallenge();
            c.Params = p;
            c.IsProxy = isProxy;
            c.Reason = "";
            c.Version = -1;
            c.Realm = p.Get("realm");
            c.Opaque = p.Get("opaque");
            if (p.IsScheme("Digest")) c.ReadDigest(p);
            else if (p.IsScheme("NTLM")) c.ReadNtlm(p);
            else if (p.IsScheme("Kerberos"))
            {
                c.Scheme = SchemeKerberos;
                c.Refuse("Kerberos (MS-SIPAE §3.1) needs a ticket from the domain's KDC; this phone does not implement it. Allow NTLM or Digest for phones on the registrar");
            }
            else if (p.IsScheme("TLS-DSK"))
            {
                c.Scheme = SchemeTlsDsk;
                c.Refuse("TLS-DSK (MS-SIPAE) needs a client certificate issued by the registrar's certificate provisioning web service; this phone does not implement it. Allow NTLM or Digest for phones on the registrar");
            }
            else if (p.IsScheme("Basic"))
            {
                c.Scheme = SchemeBasic;
                c.Refuse("Basic authentication is deprecated in SIP and would send the password in clear (RFC 3261 §22.1); this phone refuses it");
            }
            else
            {
                c.Scheme = SchemeOther;
                c.Refuse("the authentication scheme \"" + Printable(p.Scheme) + "\" is not supported (Digest and NTLM are)");
            }
            return c;
        }

        private void ReadDigest(AuthParams p)
        {
            Scheme = SchemeDigest;
            Nonce = p.Get("nonce");
            Domain = p.Get("domain");
            string stale = p.Get("stale");
            Stale = stale != null && Util.Ascii.EqualsIgnoreCase(stale, "true");
            string uh = p.Get("userhash");
            Userhash = uh != null && Util.Ascii.EqualsIgnoreCase(uh, "true");
            string cs = p.Get("charset");
            CharsetUtf8 = cs != null && Util.Ascii.EqualsIgnoreCase(cs, "UTF-8");
            AlgorithmToken = p.Get("algorithm");
            Algorithm = DigestAlgorithm.Parse(AlgorithmToken);
            string qop = p.Get("qop");
            if (qop != null)
            {
                QopOffered = true;
                // qop-options = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT (RFC 3261 §25.1)
                string[] items = qop.Split(',');
                for (int i = 0; i < items.Length && i < AuthHeaderParser.MaxParams; i++)
                {
                    string v = items[i].Trim();
                    if (Util.Ascii.EqualsIgnoreCase(v, "auth")) QopAuth = true;
                    else if (Util.Ascii.EqualsIgnoreCase(v, "auth-int")) QopAuthInt = true;
                }
            }
            if (Realm == null) Refuse("the Digest challenge has no realm (RFC 7616 §3.3 requires one)");
            else if (Nonce == null) Refuse("the Digest challenge has no nonce (RFC 7616 §3.3 requires one)");
            else if (Algorithm == DigestAlgorithm.Unknown)
                Refuse("the Digest algorithm \"" + Printable(AlgorithmToken) + "\" is not supported (MD5, MD5-sess, SHA-256, SHA-256-sess, SHA-512-256, SHA-512-256-sess are)");
            else if (QopOffered && !QopAuth && !QopAuthInt)
                Refuse("the Digest challenge offers qop \"" + Printable(qop) + "\" but neither auth nor auth-int");
            else if (cs != null && !CharsetUtf8)
                Refuse("the Digest charset \"" + Printable(cs) + "\" is not supported (only UTF-8 is defined, RFC 7616 §4)");
            else Supported = true;
        }

        private void ReadNtlm(AuthParams p)
        {
            Scheme = SchemeNtlm;
            TargetName = p.Get("targetname");
            string v = p.Get("version");
            int version;
            if (v != null && v.Length <= 4 && int.TryParse(v, out version) && version >= 0) Version = version;
            string g = p.Get("gssapi-data");
            if (g != null)
            {
                HasGssapiData = true;
                GssapiData = Util.Base64.TryDecode(g, MaxGssapiBytes);
                if (GssapiData == null)
                {
                    Refuse("the NTLM gssapi-data is not valid base64 or longer than " + MaxGssapiBytes.ToString() + " bytes");
                    return;
                }
            }
            if (Realm == null) Refuse("the NTLM challenge has no realm (MS-SIPAE requires realm and targetname)");
            else if (TargetName == null) Refuse("the NTLM challenge has no targetname (MS-SIPAE requires realm and targetname)");
            else if (v != null && Version < 0) Refuse("the NTLM version \"" + Printable(v) + "\" is not a number");
            else Supported = true;
        }

        private void Refuse(string reason)
        {
            Supported = false;
            Reason = reason;
        }

        private static string Printable(string s)
        {
            if (s == null) return "";
            if (s.Length > 40) s = s.Substring(0, 40) + "...";
            char[] c = s.ToCharArray();
            for (int i = 0; i < c.Length; i++)
            {
                if (c[i] < 0x20 || c[i] == 0x7F) c[i] = '?';
            }
            return new string(c);
        }

        /// <summary>The scheme, realm and the parameters that decide what the phone does; no
        /// nonce, opaque or gssapi-data.</summary>
        public override string ToString()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            sb.Append(IsProxy ? "Proxy-Authenticate: " : "WWW-Authenticate: ");
            sb.Append(Printable(Params.Scheme));
            if (Realm != null) sb.Append(" realm=\"").Append(Printable(Realm)).Append('"');
            if (Scheme == SchemeDigest)
            {
                string alg = DigestAlgorithm.Name(Algorithm);
                sb.Append(" algorithm=").Append(alg ?? Printable(AlgorithmToken));
                if (QopOffered) sb.Append(QopAuth ? (QopAuthInt ? " qop=auth,auth-int" : " qop=auth") : (QopAuthInt ? " qop=auth-int" : " qop=(none usable)"));
                if (Stale) sb.Append(" stale");
                if (Userhash) sb.Append(" userhash");
            }
            else if (Scheme == SchemeNtlm)
            {
                if (TargetName != null) sb.Append(" targetname=\"").Append(Printable(TargetName)).Append('"');
                if (Version >= 0) sb.Append(" version=").Append(Version.ToString());
                if (HasGssapiData) sb.Append(GssapiData != null && GssapiData.Length > 0 ? " gssapi-data=(" + GssapiData.Length.ToString() + " bytes)" : " gssapi-data=(empty)");
            }
            if (!Supported) sb.Append(" -- not usable: ").Append(Reason);
            return sb.ToString();
        }
    }
}
