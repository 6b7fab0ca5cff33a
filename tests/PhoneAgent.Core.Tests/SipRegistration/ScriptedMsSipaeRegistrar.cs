using System.Collections;
using PhoneAgent.Core.Crypto;
using PhoneAgent.Core.Sip;
using PhoneAgent.Core.Sip.Auth;
using PhoneAgent.Core.Util;

namespace PhoneAgent.Core.Tests.SipRegistration
{
    /// <summary>A scripted MS-SIPAE registrar for the virtual-time tests of RegistrationClient: it
    /// answers each REGISTER text the way MS-SIPAE §4.1 describes an OCS/Lync front end (401 with
    /// an NTLM challenge, 401 with a CHALLENGE_MESSAGE it builds, 200 OK signed with rspauth), and
    /// checks the phone's NTLMv2 response and signatures with the NTLM primitives (NTOWFv2 from its
    /// own copy of the password). The server side is computed here, not by NtlmClient or
    /// MsSipaeNtlm; the over-the-wire peer with fully independent crypto is
    /// tests/PhoneAgent.Tests.Host/Sip/ScriptedOcsRegistrar.cs. Not a real OCS.</summary>
    internal sealed class ScriptedMsSipaeRegistrar
    {
        public const string Realm = "SIP Communications Service";
        public const string TargetName = "fe01.contoso.test";
        public const string ToTag = "5E61CCD925D1";
        public const int RspauthGood = 0;
        public const int RspauthMissing = 1;
        public const int RspauthWrong = 2;

        private readonly string _user, _domain, _password;
        private readonly PhoneAgent.Core.Ports.IRandom _random;

        /// <summary>Answer with 407 / Proxy-Authenticate (else 401 / WWW-Authenticate).</summary>
        public bool Proxy;
        /// <summary>Also offer Digest MD5 (the phone must prefer it).</summary>
        public bool OfferDigest;
        /// <summary>Offer only Kerberos.</summary>
        public bool KerberosOnly;
        /// <summary>The CHALLENGE_MESSAGE lacks extended session security (an NTLMv1-only server).</summary>
        public bool NtlmV1Only;
        public int Rspauth = RspauthGood;
        /// <summary>Challenge the next signed request (the association expired on the server).</summary>
        public bool ChallengeNextSigned;
        public int GrantedExpires = 600;
        /// <summary>Answer the empty token with a fresh challenge instead of a CHALLENGE_MESSAGE.</summary>
        public bool ForgetEmptyToken;

        // The security association (MS-SIPAE §3.2).
        private byte[] _serverChallenge;
        private string _opaque;
        private byte[] _clientSign, _clientSeal, _serverSign, _serverSeal;
        private int _lastCnum;
        private int _snum;

        public readonly ArrayList Requests = new ArrayList();   // SipMessage
        public int Authenticated;        // AUTHENTICATE_MESSAGEs whose NTProofStr verified
        public int SignaturesVerified;   // client signatures (crand/cnum/response) that verified
        public int LastCnum { get { return _lastCnum; } }
        public string LastAuthenticateUser = "";
        public string LastWorkstation = "";
        public string Problem = "";      // why the last request was refused

        public ScriptedMsSipaeRegistrar(string user, string domain, string password, PhoneAgent.Core.Ports.IRandom random)
        {
            _user = user;
            _domain = domain;
            _password = password;
            _random = random;
        }

        public SipMessage Request(int i) { return (SipMessage)Requests[i]; }

        public string Credentials(int i)
        {
            return Request(i).GetHeader(Proxy ? "Proxy-Authorization" : "Authorization");
        }

        public byte[] Answer(byte[] data)
        {
            string error;
            SipMessage m = SipParser.TryParse(data, 0, data.Length, out error);
            if (m == null || !m.IsRequest) return null;
            Requests.Add(m);
            string cred = Credentials(Requests.Count - 1);
            if (KerberosOnly) return Challenge(m, "Kerberos realm=\"" + Realm + "\", targetname=\"sip/" + TargetName + "\", version=4");
            if (cred == null) return FirstChallenge(m);
            AuthParams p = AuthHeaderParser.TryParseCredentials(cred, out error);
            if (p == null) return Status(m, "400 Bad Request", null);
            if (p.IsScheme("Digest")) return Status(m, "200 OK", null);
            string gssapi = p.Get("gssapi-data");
            if (gssapi != null && gssapi.Length == 0) return ForgetEmptyToken ? FirstChallenge(m) : SecondChallenge(m);
            if (gssapi != null)
            {
                if (!Authenticate(Base64.TryDecode(gssapi, 4096))) return FirstChallenge(m);
                _lastCnum = 0;
            }
            else if (_clientSign == null)
            {
                Problem = "a signed request without a security association";
                return FirstChallenge(m);
            }
            else if (ChallengeNextSigned)
            {
                ChallengeNextSigned = false;
                _clientSign = null;
                return FirstChallenge(m);
            }
            if (!VerifyClientSignature(m, p)) return FirstChallenge(m);
            return Signed(m);
        }

        private byte[] FirstChallenge(SipMessage m)
        {
            string ntlm = "NTLM realm=\"" + Realm + "\", targetname=\"" + TargetName + "\", version=4";
            if (OfferDigest) return Challenge(m, "Digest realm=\"contoso.test\", nonce=\"0123abcd\", algorithm=MD5", ntlm);
            return Challenge(m, "Kerberos realm=\"" + Realm + "\", targetname=\"sip/" + TargetName + "\", version=4", ntlm);
        }

        private byte[] SecondChallenge(SipMessage m)
        {
            _serverChallenge = new byte[8];
            _random.NextBytes(_serverChallenge);
            byte[] o = new byte[4];
            _random.NextBytes(o);
            _opaque = Hex.UInt32((uint)(o[0] | (o[1] << 8) | (o[2] << 16) | (o[3] << 24)));
            uint flags = NtlmFlags.Default | NtlmFlags.TargetTypeDomain | NtlmFlags.Negotiate56;
            if (NtlmV1Only) flags &= ~NtlmFlags.ExtendedSessionSecurity;
            // AV pairs: MsvAvNbDomainName "CONTOSO", MsvAvTimestamp, MsvAvEOL (MS-NLMP §2.2.2.1).
            string av = "02000e00" + Hex.Bytes(NtlmV2.Unicode("CONTOSO")) + "070008000102030405060708" + "00000000";
            byte[] c = PhoneAgent.Core.Tests.Sip.Auth.NtlmTests.BuildChallenge(flags, av);
            System.Array.Copy(_serverChallenge, 0, c, 24, 8);
            return Challenge(m, "NTLM opaque=\"" + _opaque + "\", gssapi-data=\"" + Base64.Encode(c) + "\", targetname=\"" + TargetName + "\", realm=\"" + Realm + "\", version=4");
        }

        /// <summary>MS-NLMP §3.2.5.1.2 on the server: NTProofStr recomputed, keys derived.</summary>
        private bool Authenticate(byte[] a)
        {
            if (a == null || a.Length < 64 || a[8] != 3) { Problem = "not an AUTHENTICATE_MESSAGE"; return false; }
            byte[] nt = Field(a, 20), domain = Field(a, 28), user = Field(a, 36), ws = Field(a, 44), key = Field(a, 52);
            uint flags = (uint)(a[60] | (a[61] << 8) | (a[62] << 16) | (a[63] << 24));
            LastAuthenticateUser = Utf16(domain) + "\\" + Utf16(user);
            LastWorkstation = Utf16(ws);
            if (nt == null || nt.Length < 48) { Problem = "no NTLMv2 response"; return false; }
            byte[] responseKey = NtlmV2.NtOwfV2(_password, _user, _domain);
            Hmac h = new Hmac(new Md5(), responseKey);
            h.Update(_serverChallenge, 0, 8);
            h.Update(nt, 16, nt.Length - 16);
            byte[] proof = h.Final();
            for (int i = 0; i < 16; i++)
            {
                if (proof[i] != nt[i]) { Problem = "NTProofStr does not verify (wrong password)"; return false; }
            }
            byte[] sessionBaseKey = new Hmac(new Md5(), responseKey).Compute(proof);
            byte[] exported = NtlmFlags.Has(flags, NtlmFlags.KeyExchange) ? Rc4.Apply(sessionBaseKey, key) : sessionBaseKey;
            _clientSign = NtlmV2.SignKey(exported, true);
            _serverSign = NtlmV2.SignKey(exported, false);
            _clientSeal = NtlmV2.SealKey(flags, exported, true);
            _serverSeal = NtlmV2.SealKey(flags, exported, false);
            _snum = 0;
            Authenticated++;
            return true;
        }

        private bool VerifyClientSignature(SipMessage m, AuthParams p)
        {
            int cnum;
            if (!PhoneAgent.Core.Config.AgentConfig.TryParseInt(p.Get("cnum") ?? "", out cnum) || cnum <= _lastCnum) { Problem = "cnum not increasing"; return false; }
            SipSignatureFields f = Fields(m, 0);
            f.Rand = p.Get("crand") ?? "";
            f.Num = p.Get("cnum");
            string expected = Hex.Bytes(NtlmV2.Mac(NtlmV2.ConnectionlessHandle(_clientSeal, 100), _clientSign, 100, Ascii.GetBytes(f.ToBuffer(4))));
            if (!Ascii.EqualsIgnoreCase(expected, p.Get("response") ?? "")) { Problem = "the request's signature does not verify"; return false; }
            _lastCnum = cnum;
            SignaturesVerified++;
            return true;
        }

        private byte[] Signed(SipMessage m)
        {
            string expires = m.GetHeader("Expires");
            int asked;
            if (!PhoneAgent.Core.Config.AgentConfig.TryParseInt(expires ?? "", out asked)) asked = GrantedExpires;
            string granted = (asked == 0 ? 0 : GrantedExpires).ToString();
            SipSignatureFields f = Fields(m, 200);
            f.ToTag = ToTag;
            f.Expires = granted;
            byte[] r = new byte[4];
            _random.NextBytes(r);
            f.Rand = Hex.Bytes(r);
            f.Num = (++_snum).ToString();
            string sig = Hex.Bytes(NtlmV2.Mac(NtlmV2.ConnectionlessHandle(_serverSeal, 100), _serverSign, 100, Ascii.GetBytes(f.ToBuffer(4))));
            if (Rspauth == RspauthWrong) sig = sig.Substring(0, 8) + (sig[8] == '0' ? "1" : "0") + sig.Substring(9);
            string extra = "Contact: " + m.GetHeader("Contact") + ";expires=" + granted + "\r\nExpires: " + granted + "\r\n";
            if (Rspauth != RspauthMissing)
                extra += (Proxy ? "Proxy-Authentication-Info" : "Authentication-Info") + ": NTLM rspauth=\"" + sig + "\", srand=\"" + f.Rand + "\", snum=\"" + f.Num +
                    "\", opaque=\"" + _opaque + "\", qop=\"auth\", targetname=\"" + TargetName + "\", realm=\"" + Realm + "\"\r\n";
            return Status(m, "200 OK", extra);
        }

        private static SipSignatureFields Fields(SipMessage m, int code)
        {
            SipSignatureFields f = new SipSignatureFields();
            f.Realm = Realm;
            f.TargetName = TargetName;
            f.CallId = m.GetHeader("Call-ID");
            string cseq = m.GetHeader("CSeq");
            f.CSeqNumber = cseq.Substring(0, cseq.IndexOf(' '));
            f.CSeqMethod = cseq.Substring(cseq.IndexOf(' ') + 1);
            SipSignatureFields.SplitNameAddr(m.GetHeader("From"), out f.FromUri, out f.FromTag);
            SipSignatureFields.SplitNameAddr(m.GetHeader("To"), out f.ToUri, out f.ToTag);
            f.Expires = m.GetHeader("Expires") ?? "";
            f.ResponseCode = code;
            return f;
        }

        private byte[] Challenge(SipMessage m, string first, string second = null)
        {
            string name = Proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
            string extra = name + ": " + first + "\r\n" + (second != null ? name + ": " + second + "\r\n" : "");
            return Status(m, Proxy ? "407 Proxy Authentication Required" : "401 Unauthorized", extra);
        }

        private static byte[] Status(SipMessage m, string line, string extra)
        {
            string to = m.GetHeader("To");
            string text = "SIP/2.0 " + line + "\r\nVia: " + m.GetHeader("Via") + "\r\nFrom: " + m.GetHeader("From") + "\r\nTo: " + to + ";tag=" + ToTag +
                "\r\nCall-ID: " + m.GetHeader("Call-ID") + "\r\nCSeq: " + m.GetHeader("CSeq") + "\r\n" + (extra ?? "") + "Content-Length: 0\r\n\r\n";
            return Ascii.GetBytes(text);
        }

        private static byte[] Field(byte[] a, int at)
        {
            int len = a[at] | (a[at + 1] << 8);
            int off = a[at + 4] | (a[at + 5] << 8) | (a[at + 6] << 16);
            if (off + len > a.Length) return null;
            byte[] r = new byte[len];
            System.Array.Copy(a, off, r, 0, len);
            return r;
        }

        private static string Utf16(byte[] b)
        {
            if (b == null) return "";
            char[] c = new char[b.Length / 2];
            for (int i = 0; i < c.Length; i++) c[i] = (char)(b[2 * i] | (b[2 * i + 1] << 8));
            return new string(c);
        }
    }
}
