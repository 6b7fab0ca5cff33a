using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>The Digest answer to a challenge: RFC 7616 §3.4 with RFC 3261 §22.4's SIP rules
    /// (the digest-uri is the Request-URI, the method is the request's, e.g. REGISTER) and
    /// RFC 8760's algorithms. Caller mistakes throw ArgumentException; the password never
    /// appears in a message or in the output.</summary>
    public static class DigestCredentials
    {
        public const string QopAuth = "auth";
        public const string QopAuthInt = "auth-int";

        /// <summary>The Authorization (or Proxy-Authorization, per challenge.IsProxy) header
        /// value: qop=auth when offered, else auth-int, else the RFC 2069 form without qop.</summary>
        /// <param name="cnonce">the client nonce (unguessable, from IRandom; RFC 7616 §3.4)</param>
        /// <param name="nc">how many requests this phone sent with this nonce, including this one (1 for the first)</param>
        /// <param name="body">the request body for auth-int (null means empty)</param>
        public static string Build(AuthChallenge challenge, string method, string uri, string username, string password,
            string cnonce, uint nc, byte[] body)
        {
            return Build(challenge, method, uri, username, password, cnonce, nc, body, null);
        }

        /// <summary>As Build, with the qop chosen by the caller: "auth", "auth-int", "" for none
        /// (only when the challenge offered no qop), or null to choose as Build does.</summary>
        public static string Build(AuthChallenge challenge, string method, string uri, string username, string password,
            string cnonce, uint nc, byte[] body, string qop)
        {
            if (challenge == null) throw new System.ArgumentNullException(nameof(challenge));
            if (challenge.Scheme != AuthChallenge.SchemeDigest) throw new System.ArgumentException("not a Digest challenge");
            if (!challenge.Supported) throw new System.ArgumentException("unusable Digest challenge: " + challenge.Reason);
            if (method == null || uri == null || username == null || password == null)
                throw new System.ArgumentException("method, uri, username and password are required");
            qop = ChooseQop(challenge, qop);
            if (qop.Length > 0)
            {
                if (cnonce == null || cnonce.Length == 0) throw new System.ArgumentException("a cnonce is required with qop");
                if (nc == 0) throw new System.ArgumentException("nc starts at 1");
            }
            string ncHex = Hex.UInt32(nc);
            int alg = challenge.Algorithm;
            string response = ComputeResponse(alg, username, challenge.Realm, password, challenge.Nonce,
                cnonce, ncHex, qop, method, uri, body);

            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            sb.Append("Digest username=");
            if (challenge.Userhash) sb.Append(Quote(UserHash(alg, username, challenge.Realm)));
            else sb.Append(Quote(username));
            sb.Append(", realm=").Append(Quote(challenge.Realm));
            sb.Append(", nonce=").Append(Quote(challenge.Nonce));
            sb.Append(", uri=").Append(Quote(uri));
            sb.Append(", response=").Append(Quote(response));
            // RFC 7616 §3.4: algorithm, qop and nc are tokens, not quoted (RFC 3261 §25.1 alike).
            if (challenge.AlgorithmToken != null) sb.Append(", algorithm=").Append(DigestAlgorithm.Name(alg));
            if (qop.Length > 0)
            {
                sb.Append(", cnonce=").Append(Quote(cnonce));
                sb.Append(", qop=").Append(qop);
                sb.Append(", nc=").Append(ncHex);
            }
            if (challenge.Opaque != null) sb.Append(", opaque=").Append(Quote(challenge.Opaque));
            if (challenge.Userhash) sb.Append(", userhash=true");
            return sb.ToString();
        }

        private static string ChooseQop(AuthChallenge c, string wanted)
        {
            if (wanted == null)
            {
                if (c.QopAuth) return QopAuth;
                if (c.QopAuthInt) return QopAuthInt;
                return "";
            }
            if (wanted == QopAuth && c.QopAuth) return wanted;
            if (wanted == QopAuthInt && c.QopAuthInt) return wanted;
            if (wanted.Length == 0 && !c.QopOffered) return wanted;
            throw new System.ArgumentException("the challenge does not offer qop \"" + wanted + "\"");
        }

        /// <summary>request-digest of RFC 7616 §3.4.1 (qop auth / auth-int) or RFC 2617 §3.2.2.1
        /// (no qop), lower-case hex:
        /// A1 = username ":" realm ":" password, or for -sess H(username ":" realm ":" password) ":" nonce ":" cnonce;
        /// A2 = method ":" uri, and ":" H(body) for auth-int;
        /// response = H(H(A1) ":" nonce ":" nc ":" cnonce ":" qop ":" H(A2)), or H(H(A1) ":" nonce ":" H(A2)).</summary>
        public static string ComputeResponse(int algorithm, string username, string realm, string password, string nonce,
            string cnonce, string ncHex, string qop, string method, string uri, byte[] body)
        {
            string hashName = DigestAlgorithm.HashName(algorithm);
            if (hashName == null) throw new System.ArgumentException("unknown Digest algorithm");
            if (username == null || realm == null || password == null || nonce == null || method == null || uri == null)
                throw new System.ArgumentException("username, realm, password, nonce, method and uri are required");
            if (qop == null) qop = "";
            HashAlgorithm h = HashAlgorithm.Create(hashName);
            string ha1 = H(h, username + ":" + realm + ":" + password);
            if (DigestAlgorithm.IsSession(algorithm))
            {
                if (cnonce == null) throw new System.ArgumentException("-sess algorithms need a cnonce");
                ha1 = H(h, ha1 + ":" + nonce + ":" + cnonce);
            }
            string a2 = method + ":" + uri;
            if (qop == QopAuthInt) a2 = a2 + ":" + Hex.Bytes(h.Compute(body ?? new byte[0]));
            string ha2 = H(h, a2);
            if (qop.Length == 0) return H(h, ha1 + ":" + nonce + ":" + ha2);
            return H(h, ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":" + qop + ":" + ha2);
        }

        /// <summary>userhash = H(username ":" realm) (RFC 7616 §3.4.4).</summary>
        public static string UserHash(int algorithm, string username, string realm)
        {
            string hashName = DigestAlgorithm.HashName(algorithm);
            if (hashName == null) throw new System.ArgumentException("unknown Digest algorithm");
            return H(HashAlgorithm.Create(hashName), username + ":" + realm);
        }

        private static string H(HashAlgorithm h, string text)
        {
            return Hex.Bytes(h.Compute(Ascii.GetBytes(text)));
        }

        /// <summary>quoted-string with '"' and '\' escaped as quoted-pairs (RFC 3261 §25.1).</summary>
        public static string Quote(string s)
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder(s.Length + 2);
            sb.Append('"');
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '"' || c == '\\') sb.Append('\\');
                sb.Append(c);
            }
            sb.Append('"');
            return sb.ToString();
        }
    }
}
