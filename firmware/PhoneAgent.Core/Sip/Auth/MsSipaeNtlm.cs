using PhoneAgent.Core.Ports;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>One MS-SIPAE NTLM security association, as the phone (protocol client) runs it
    /// (MS-SIPAE §3.1, §3.2, example §4.1):
    /// 1. REGISTER without credentials → 401/407 "NTLM realm=..., targetname=..., version=N".
    /// 2. Answer "NTLM qop="auth", realm, targetname, gssapi-data="", version": connectionless
    ///    NTLM sends no NEGOTIATE_MESSAGE, so the token is empty (§4.1 step 3).
    /// 3. 401/407 "NTLM opaque=..., gssapi-data=&lt;CHALLENGE_MESSAGE&gt;, targetname, realm".
    /// 4. Answer with gssapi-data=&lt;AUTHENTICATE_MESSAGE&gt;, opaque echoed, and the first
    ///    signature: crand (8 hex digits), cnum="1", response=&lt;signature hex&gt;.
    /// 5. 2xx with Authentication-Info "NTLM rspauth, srand, snum, opaque, qop, targetname,
    ///    realm": verify the server's signature (§3.2.5.2); every later request is signed with
    ///    the next cnum.
    /// Signatures are NTLM GSS_GetMIC over SipSignatureFields.ToBuffer. NTLMv2 only.</summary>
    public sealed class MsSipaeNtlm
    {
        public const int Idle = 0;
        public const int Negotiating = 1;     // sent gssapi-data="", awaiting the CHALLENGE_MESSAGE
        public const int Authenticating = 2;  // sent the AUTHENTICATE_MESSAGE, awaiting the signed 2xx
        public const int Established = 3;
        public const int Failed = 4;

        /// <summary>The NTLM SeqNum of every SIP signature: the signatures of Office Communicator
        /// 2007 R2, OCS 2007/2007 R2 and a Nokia client all carry 100 (0x64) in their SeqNum
        /// field whatever the cnum/snum (tests/vectors/sip-auth); connectionless NTLM leaves
        /// SeqNum to the application (MS-NLMP §3.4.4).</summary>
        public const uint SignatureSeqNum = 100;

        private readonly string _user, _domain, _workstation;
        private readonly IRandom _random;
        private NtlmClient _ntlm;
        private readonly byte[] _responseKey;   // NTOWFv2(password, user, domain): the password itself is not kept
        private uint _cnum;

        public MsSipaeNtlm(string user, string domain, string password, string workstation, IRandom random)
        {
            if (user == null || domain == null || password == null || random == null)
                throw new System.ArgumentException("user, domain, password and random are required");
            _user = user;
            _domain = domain;
            _responseKey = NtlmV2.NtOwfV2(password, user, domain);
            _workstation = workstation ?? "";
            _random = random;
            State = Idle;
            Diagnosis = "";
            Version = -1;
        }

        public int State { get; private set; }
        /// <summary>The latest failure in words ("" when none).</summary>
        public string Diagnosis { get; private set; }
        public string Realm { get; private set; }
        public string TargetName { get; private set; }
        public string Opaque { get; private set; }
        public int Version { get; private set; }
        /// <summary>The NTLM context (null before the CHALLENGE_MESSAGE).</summary>
        public NtlmClient Context { get { return _ntlm; } }
        /// <summary>Replaces the NtlmClient options (flags, Version) before step 4; tests use it
        /// to replay a captured exchange.</summary>
        public uint RequestedFlags = NtlmFlags.Default;
        public byte[] NtlmVersion;

        public static string StateName(int s)
        {
            switch (s)
            {
                case Idle: return "Idle";
                case Negotiating: return "Negotiating";
                case Authenticating: return "Authenticating";
                case Established: return "Established";
                default: return "Failed";
            }
        }

        public void Reset()
        {
            _ntlm = null;
            _cnum = 0;
            State = Idle;
            Diagnosis = "";
            Opaque = null;
        }

        /// <summary>The Authorization / Proxy-Authorization value answering an NTLM challenge,
        /// or null with Diagnosis set. request holds the fields of the request that will carry
        /// it (Call-ID, CSeq, From, To, Expires...); Scheme, Rand, Num, Realm and TargetName
        /// are filled in here.</summary>
        public string Answer(AuthChallenge challenge, SipSignatureFields request, long fileTimeNow)
        {
            if (challenge == null || request == null) throw new System.ArgumentNullException(challenge == null ? "challenge" : "request");
            if (challenge.Scheme != AuthChallenge.SchemeNtlm) throw new System.ArgumentException("not an NTLM challenge");
            if (!challenge.Supported) return Fail("unusable NTLM challenge: " + challenge.Reason);
            if (!challenge.HasGssapiData)
            {
                // After the AUTHENTICATE_MESSAGE a fresh challenge means the credentials were
                // refused; once established it means the server dropped the association.
                if (State == Authenticating)
                    return Fail("the registrar refused the NTLM credentials of " + _domain + "\\" + _user + " (wrong user, domain or password, or the account is locked or not enabled for this service)");
                Realm = challenge.Realm;
                TargetName = challenge.TargetName;
                Version = challenge.Version;
                Opaque = null;
                _ntlm = null;
                State = Negotiating;
                return Header(false, null, null);
            }
            if (challenge.GssapiData.Length == 0) return Fail("the registrar sent an empty NTLM gssapi-data instead of a CHALLENGE_MESSAGE");
            if (State == Authenticating)
                return Fail("the registrar sent a new NTLM CHALLENGE_MESSAGE after the AUTHENTICATE_MESSAGE: the credentials were refused");
            Realm = challenge.Realm;
            TargetName = challenge.TargetName;
            if (challenge.Version >= 0) Version = challenge.Version;
            Opaque = challenge.Opaque;

            NtlmClient ntlm = new NtlmClient(_user, _domain, _responseKey, _workstation);
            ntlm.RequestedFlags = RequestedFlags;
            if (NtlmVersion != null) ntlm.Version = NtlmVersion;
            byte[] clientChallenge = new byte[8];
            byte[] sessionKey = new byte[16];
            _random.NextBytes(clientChallenge);
            _random.NextBytes(sessionKey);
            string error;
            byte[] auth = ntlm.Authenticate(challenge.GssapiData, fileTimeNow, clientChallenge, sessionKey, out error);
            if (auth == null) return Fail(error);
            _ntlm = ntlm;
            _cnum = 0;
            State = Authenticating;
            return Header(true, Base64.Encode(auth), request);
        }

        /// <summary>The Authorization value for a later request (signed with the next cnum), or
        /// null when there is no security association.</summary>
        public string Sign(SipSignatureFields request)
        {
            if (request == null) throw new System.ArgumentNullException(nameof(request));
            if (_ntlm == null || (State != Established && State != Authenticating)) return null;
            return Header(true, null, request);
        }

        // MS-SIPAE §2.2 parameter forms, as Office Communicator sends them: quoted values,
        // version unquoted.
        private string Header(bool context, string gssapi, SipSignatureFields request)
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder("NTLM qop=\"auth\", realm=");
            sb.Append(DigestCredentials.Quote(Realm));
            if (Opaque != null) sb.Append(", opaque=").Append(DigestCredentials.Quote(Opaque));
            sb.Append(", targetname=").Append(DigestCredentials.Quote(TargetName));
            if (Version >= 0) sb.Append(", version=").Append(Version.ToString());
            if (!context)
            {
                sb.Append(", gssapi-data=\"\"");
                return sb.ToString();
            }
            if (gssapi != null) sb.Append(", gssapi-data=\"").Append(gssapi).Append('"');
            byte[] r = new byte[4];
            _random.NextBytes(r);
            string crand = Upper(Hex.Bytes(r));
            _cnum++;
            request.Scheme = "NTLM";
            request.Rand = crand;
            request.Num = _cnum.ToString();
            request.Realm = Realm;
            request.TargetName = TargetName;
            request.ResponseCode = 0;
            byte[] sig = _ntlm.Sign(Ascii.GetBytes(request.ToBuffer(Version)), SignatureSeqNum);
            sb.Append(", crand=\"").Append(crand).Append('"');
            sb.Append(", cnum=\"").Append(request.Num).Append('"');
            sb.Append(", response=\"").Append(Hex.Bytes(sig)).Append('"');
            return sb.ToString();
        }

        /// <summary>Checks the server's signature of a response (MS-SIPAE §3.2.5.2): the
        /// Authentication-Info / Proxy-Authentication-Info value must name this association's
        /// realm and targetname and carry rspauth over the response's fields with srand/snum.
        /// The first good one establishes the association.</summary>
        public bool VerifyResponse(string authenticationInfo, SipSignatureFields response, out string reason)
        {
            if (response == null) throw new System.ArgumentNullException(nameof(response));
            reason = null;
            if (_ntlm == null)
            {
                reason = "no NTLM security association to verify the response with";
                return false;
            }
            string error;
            AuthParams p = AuthHeaderParser.TryParseCredentials(authenticationInfo, out error);
            if (p == null)
            {
                reason = "Authentication-Info: " + error;
                return false;
            }
            if (!p.IsScheme("NTLM"))
            {
                reason = "Authentication-Info is not for NTLM";
                return false;
            }
            // Step 1: the SA is the one with the same protocol, realm and targetname.
            if (p.Get("realm") != Realm || p.Get("targetname") != TargetName)
            {
                reason = "Authentication-Info names another realm or targetname than this security association";
                return false;
            }
            string rspauth = p.Get("rspauth");
            byte[] sig = rspauth == null ? null : Hex.TryParse(rspauth);
            if (sig == null || sig.Length != 16)
            {
                reason = "Authentication-Info has no 16-byte rspauth";
                return false;
            }
            response.Scheme = p.Scheme;
            response.Rand = p.Get("srand") ?? "";
            response.Num = p.Get("snum") ?? "";
            response.Realm = Realm;
            response.TargetName = TargetName;
            if (!_ntlm.VerifyServer(Ascii.GetBytes(response.ToBuffer(Version)), SignatureSeqNum, sig))
            {
                reason = "the registrar's signature (rspauth) does not verify: the response was altered or does not come from the server the phone authenticated to";
                return false;
            }
            if (State == Authenticating) State = Established;
            return true;
        }

        private string Fail(string why)
        {
            State = Failed;
            Diagnosis = why;
            return null;
        }

        private static string Upper(string hex)
        {
            char[] c = hex.ToCharArray();
            for (int i = 0; i < c.Length; i++)
            {
                if (c[i] >= 'a' && c[i] <= 'f') c[i] = (char)(c[i] - 32);
            }
            return new string(c);
        }

        public override string ToString()
        {
            return "MS-SIPAE NTLM " + StateName(State) + (Realm != null ? " realm=\"" + Realm + "\" targetname=\"" + TargetName + "\"" : "")
                + (Diagnosis.Length > 0 ? ": " + Diagnosis : "");
        }
    }
}
