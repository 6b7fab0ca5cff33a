using System.Collections;

namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>Every challenge of one 401/407 response, from all its WWW-Authenticate and
    /// Proxy-Authenticate header fields (RFC 3261 §22.3: a response may carry several, e.g.
    /// one per algorithm as RFC 8760 §2.4 describes, or NTLM beside Kerberos as MS-SIPAE
    /// §4.1 shows), with the header values that could not be parsed and why.</summary>
    public sealed class ChallengeSet
    {
        /// <summary>At most this many header fields are looked at.</summary>
        public const int MaxHeaders = 16;

        private readonly AuthChallenge[] _challenges;
        private readonly string[] _problems;

        private ChallengeSet(AuthChallenge[] challenges, string[] problems)
        {
            _challenges = challenges;
            _problems = problems;
        }

        public int Count { get { return _challenges.Length; } }
        public AuthChallenge this[int i] { get { return _challenges[i]; } }

        /// <summary>One line per header value that was rejected ("WWW-Authenticate #2: ...").</summary>
        public string[] Problems { get { return _problems; } }

        /// <summary>Parses the values of the WWW-Authenticate and Proxy-Authenticate fields
        /// (either may be null). Never throws on their content.</summary>
        public static ChallengeSet Parse(string[] wwwAuthenticate, string[] proxyAuthenticate)
        {
            ArrayList all = new ArrayList();
            ArrayList problems = new ArrayList();
            int headers = 0;
            headers = Add(wwwAuthenticate, false, all, problems, headers);
            Add(proxyAuthenticate, true, all, problems, headers);
            AuthChallenge[] c = new AuthChallenge[all.Count];
            for (int i = 0; i < c.Length; i++) c[i] = (AuthChallenge)all[i];
            string[] p = new string[problems.Count];
            for (int i = 0; i < p.Length; i++) p[i] = (string)problems[i];
            return new ChallengeSet(c, p);
        }

        private static int Add(string[] values, bool proxy, ArrayList all, ArrayList problems, int headers)
        {
            if (values == null) return headers;
            string name = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
            for (int i = 0; i < values.Length; i++)
            {
                if (headers == MaxHeaders)
                {
                    problems.Add("more than " + MaxHeaders.ToString() + " authentication headers; the rest were ignored");
                    return headers;
                }
                headers++;
                ArrayList parsed = new ArrayList();
                string error;
                if (!AuthHeaderParser.TryParseChallenges(values[i], parsed, out error))
                {
                    problems.Add(name + " #" + (i + 1).ToString() + ": " + error);
                    continue;
                }
                for (int k = 0; k < parsed.Count; k++) all.Add(AuthChallenge.FromParams((AuthParams)parsed[k], proxy));
            }
            return headers;
        }

        /// <summary>A usable Digest challenge said stale=true: resend with its nonce; this is
        /// not a wrong password (RFC 7616 §3.3), so it must not count as a failure.</summary>
        public bool AnyStale
        {
            get
            {
                for (int i = 0; i < _challenges.Length; i++)
                {
                    if (_challenges[i].Supported && _challenges[i].Stale) return true;
                }
                return false;
            }
        }

        /// <summary>The Digest challenge to answer for a realm (null: the realm of the first
        /// usable Digest challenge): the strongest supported algorithm among those of that
        /// realm and the same header kind, the topmost on a tie. Null when there is none.</summary>
        public AuthChallenge BestDigest(string realm)
        {
            AuthChallenge best = null;
            for (int i = 0; i < _challenges.Length; i++)
            {
                AuthChallenge c = _challenges[i];
                if (c.Scheme != AuthChallenge.SchemeDigest || !c.Supported) continue;
                if (realm == null) realm = c.Realm;
                if (c.Realm != realm) continue;
                if (best == null) best = c;
                else if (c.IsProxy == best.IsProxy && DigestAlgorithm.Strength(c.Algorithm) > DigestAlgorithm.Strength(best.Algorithm)) best = c;
            }
            return best;
        }

        /// <summary>The best Digest challenge of every realm (RFC 3261 §22.3: a UAC answers
        /// each proxy's and the registrar's challenge in the same retried request).</summary>
        public AuthChallenge[] BestDigestPerRealm()
        {
            ArrayList chosen = new ArrayList();
            for (int i = 0; i < _challenges.Length; i++)
            {
                AuthChallenge c = _challenges[i];
                if (c.Scheme != AuthChallenge.SchemeDigest || !c.Supported) continue;
                bool seen = false;
                for (int k = 0; k < chosen.Count; k++)
                {
                    AuthChallenge o = (AuthChallenge)chosen[k];
                    if (o.Realm == c.Realm && o.IsProxy == c.IsProxy) seen = true;
                }
                if (seen) continue;
                AuthChallenge best = c;
                for (int k = i + 1; k < _challenges.Length; k++)
                {
                    AuthChallenge o = _challenges[k];
                    if (o.Scheme == AuthChallenge.SchemeDigest && o.Supported && o.Realm == c.Realm && o.IsProxy == c.IsProxy
                        && DigestAlgorithm.Strength(o.Algorithm) > DigestAlgorithm.Strength(best.Algorithm)) best = o;
                }
                chosen.Add(best);
            }
            AuthChallenge[] result = new AuthChallenge[chosen.Count];
            for (int i = 0; i < result.Length; i++) result[i] = (AuthChallenge)chosen[i];
            return result;
        }

        /// <summary>The first usable NTLM challenge (MS-SIPAE), or null.</summary>
        public AuthChallenge Ntlm()
        {
            for (int i = 0; i < _challenges.Length; i++)
            {
                if (_challenges[i].Scheme == AuthChallenge.SchemeNtlm && _challenges[i].Supported) return _challenges[i];
            }
            return null;
        }

        /// <summary>Why nothing can be answered, in words for the administrator; "" when a
        /// Digest or NTLM challenge is usable.</summary>
        public string Explain()
        {
            if (BestDigest(null) != null || Ntlm() != null) return "";
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            if (_challenges.Length == 0 && _problems.Length == 0) sb.Append("the response carries no authentication challenge");
            else sb.Append("no challenge this phone can answer");
            for (int i = 0; i < _challenges.Length; i++) sb.Append("; ").Append(_challenges[i].ToString());
            for (int i = 0; i < _problems.Length; i++) sb.Append("; ").Append(_problems[i]);
            return sb.ToString();
        }
    }
}
