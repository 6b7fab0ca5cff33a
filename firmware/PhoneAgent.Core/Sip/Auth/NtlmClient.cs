using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>The client side of connectionless NTLMv2 (MS-NLMP §3.1.5.2): no
    /// NEGOTIATE_MESSAGE; the server's CHALLENGE_MESSAGE comes first, the client answers with
    /// an AUTHENTICATE_MESSAGE (§3.1.5.2.1), after which both sign with per-message RC4 keys
    /// (§3.4, §3.4.4.2). The password is turned into the NTOWFv2 key at construction and
    /// not kept; no key or password appears in ToString or any message.</summary>
    public sealed class NtlmClient
    {
        private readonly byte[] _responseKey;
        private readonly string _user;
        private readonly string _domain;
        private readonly string _workstation;
        private byte[] _clientSign, _clientSeal, _serverSign, _serverSeal;

        public NtlmClient(string user, string domain, string password, string workstation)
            : this(user, domain, NtlmV2.NtOwfV2(password, user, domain), workstation)
        {
        }

        /// <summary>With the NTOWFv2 key instead of the password (a phone can keep the key and
        /// forget the password).</summary>
        public NtlmClient(string user, string domain, byte[] responseKeyNt, string workstation)
        {
            if (user == null || domain == null || responseKeyNt == null || responseKeyNt.Length != 16)
                throw new System.ArgumentException("user, domain and a 16-byte NTOWFv2 key are required");
            _user = user;
            _domain = domain;
            _workstation = workstation ?? "";
            _responseKey = responseKeyNt;
            RequestedFlags = NtlmFlags.Default;
            // MS-NLMP §2.2.2.10: the Version is for debugging only; this phone does not claim
            // to be Windows: 0.0 build 0, NTLMSSP_REVISION_W2K3 (0x0F).
            Version = new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x0F };
        }

        /// <summary>The flags this client wants (NtlmFlags.Default unless changed before Authenticate).</summary>
        public uint RequestedFlags { get; set; }
        /// <summary>The 8-byte Version sent when the Version flag is negotiated.</summary>
        public byte[] Version { get; set; }
        public uint NegotiatedFlags { get; private set; }
        public bool Established { get; private set; }
        /// <summary>The CHALLENGE_MESSAGE last processed.</summary>
        public NtlmChallengeMessage Challenge { get; private set; }

        /// <summary>Builds the AUTHENTICATE_MESSAGE for a CHALLENGE_MESSAGE, or returns null with
        /// the reason (malformed challenge, or a server that only offers what this phone refuses).</summary>
        /// <param name="fileTimeNow">now as a FILETIME (100 ns since 1601), used when the challenge carries no MsvAvTimestamp</param>
        /// <param name="clientChallenge">8 random bytes</param>
        /// <param name="randomSessionKey">16 random bytes (the ExportedSessionKey under key exchange)</param>
        public byte[] Authenticate(byte[] challengeMessage, long fileTimeNow, byte[] clientChallenge, byte[] randomSessionKey, out string error)
        {
            if (clientChallenge == null || clientChallenge.Length != 8) throw new System.ArgumentException("the client challenge is 8 bytes");
            if (randomSessionKey == null || randomSessionKey.Length != 16) throw new System.ArgumentException("the random session key is 16 bytes");
            Established = false;
            NtlmChallengeMessage c = NtlmChallengeMessage.TryDecode(challengeMessage, out error);
            if (c == null) return null;
            Challenge = c;
            error = Refusal(c.Flags, c.TargetInfo.Length);
            if (error != null) return null;

            uint requested = RequestedFlags;
            uint flags = (c.Flags & requested & ~NtlmFlags.RequestTarget) | (requested & NtlmFlags.RequestTarget);
            // §3.1.5.2.1: the time from MsvAvTimestamp when the server sent one, else ours.
            long time = c.Timestamp >= 0 ? c.Timestamp : fileTimeNow;
            byte[] timeBytes = new byte[8];
            for (int i = 0; i < 8; i++) timeBytes[i] = (byte)(time >> (8 * i));

            NtlmV2.Responses r = NtlmV2.ComputeResponse(_responseKey, c.ServerChallenge, clientChallenge, timeBytes, c.TargetInfo);
            // §3.1.5.1.2: with an MsvAvTimestamp the client sends Z(24) instead of the LMv2 response.
            byte[] lm = c.Timestamp >= 0 ? new byte[24] : r.LmChallengeResponse;
            // §3.4.5.1 KXKEY: for NTLMv2 the KeyExchangeKey is the SessionBaseKey.
            byte[] keyExchangeKey = r.SessionBaseKey;
            byte[] exported;
            byte[] encrypted = null;
            if (NtlmFlags.Has(flags, NtlmFlags.KeyExchange))
            {
                exported = (byte[])randomSessionKey.Clone();
                encrypted = Rc4.Apply(keyExchangeKey, exported);
            }
            else exported = keyExchangeKey;
            _clientSign = NtlmV2.SignKey(exported, true);
            _serverSign = NtlmV2.SignKey(exported, false);
            _clientSeal = NtlmV2.SealKey(flags, exported, true);
            _serverSeal = NtlmV2.SealKey(flags, exported, false);
            NegotiatedFlags = flags;
            Established = true;
            return NtlmAuthenticateMessage.Encode(flags, lm, r.NtChallengeResponse, _domain, _user, _workstation, encrypted, Version);
        }

        /// <summary>Why this phone will not answer a challenge with these flags, or null.</summary>
        public static string Refusal(uint serverFlags, int targetInfoLength)
        {
            if (!NtlmFlags.Has(serverFlags, NtlmFlags.ExtendedSessionSecurity) || !NtlmFlags.Has(serverFlags, NtlmFlags.TargetInfo) || targetInfoLength == 0)
                return "the registrar demands NTLMv1/LM (its NTLM challenge lacks " + Missing(serverFlags, targetInfoLength)
                    + ", which NTLMv2 needs, MS-NLMP §3.3.2), which this phone refuses; set the server to accept NTLMv2 only (LmCompatibilityLevel 5)";
            if (!NtlmFlags.Has(serverFlags, NtlmFlags.Unicode))
                return "the registrar's NTLM challenge offers only OEM strings, not Unicode";
            if (!NtlmFlags.Has(serverFlags, NtlmFlags.Sign))
                return "the registrar's NTLM challenge does not offer signing; MS-SIPAE signs every message";
            if (!NtlmFlags.Has(serverFlags, NtlmFlags.Datagram))
                return "the registrar's NTLM challenge is not connectionless (no Datagram flag), as MS-SIPAE uses it";
            if (!NtlmFlags.Has(serverFlags, NtlmFlags.Negotiate128))
                return "the registrar offers only 40/56-bit NTLM session keys; this phone requires 128-bit";
            return null;
        }

        private static string Missing(uint f, int targetInfoLength)
        {
            string m = "";
            if (!NtlmFlags.Has(f, NtlmFlags.ExtendedSessionSecurity)) m = "extended session security";
            if (!NtlmFlags.Has(f, NtlmFlags.TargetInfo) || targetInfoLength == 0) m = m.Length == 0 ? "target information" : m + " and target information";
            return m;
        }

        /// <summary>GSS_GetMIC for a client message (MS-NLMP §3.4.4.2, connectionless §3.4): the
        /// 16-byte NTLMSSP_MESSAGE_SIGNATURE.</summary>
        public byte[] Sign(byte[] message, uint seqNum)
        {
            if (!Established) throw new System.InvalidOperationException("no NTLM security context");
            return NtlmV2.Mac(Handle(_clientSeal, seqNum), _clientSign, seqNum, message);
        }

        /// <summary>GSS_VerifyMIC for a server message.</summary>
        public bool VerifyServer(byte[] message, uint seqNum, byte[] signature)
        {
            if (!Established || signature == null || signature.Length != 16) return false;
            byte[] expected = NtlmV2.Mac(Handle(_serverSeal, seqNum), _serverSign, seqNum, message);
            int diff = 0;
            for (int i = 0; i < 16; i++) diff |= expected[i] ^ signature[i];
            return diff == 0;
        }

        private Rc4 Handle(byte[] sealKey, uint seqNum)
        {
            if (!NtlmFlags.Has(NegotiatedFlags, NtlmFlags.KeyExchange)) return null;
            return NtlmV2.ConnectionlessHandle(sealKey, seqNum);
        }

        public override string ToString()
        {
            return "NTLMv2 client " + _domain + "\\" + _user + (Established ? " (established, " + NtlmFlags.Describe(NegotiatedFlags) + ")" : " (no context)");
        }
    }
}
