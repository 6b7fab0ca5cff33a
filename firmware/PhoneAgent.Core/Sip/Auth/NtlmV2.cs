using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>The NTLMv2 computations of MS-NLMP §3.3.2 and the session keys of §3.4.5.
    /// NTLMv1 and LM are deliberately absent: this phone refuses them.</summary>
    public static class NtlmV2
    {
        // MS-NLMP §3.4.5.2 / §3.4.5.3: the magic constants include their terminating NUL.
        private const string ClientSigning = "session key to client-to-server signing key magic constant";
        private const string ServerSigning = "session key to server-to-client signing key magic constant";
        private const string ClientSealing = "session key to client-to-server sealing key magic constant";
        private const string ServerSealing = "session key to server-to-client sealing key magic constant";

        /// <summary>NTOWFv2 = HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(Uppercase(User) + UserDom))
        /// (§3.3.2); also ResponseKeyLM (LMOWFv2 is the same function).</summary>
        public static byte[] NtOwfV2(string password, string user, string domain)
        {
            if (password == null || user == null || domain == null) throw new System.ArgumentNullException(password == null ? "password" : user == null ? "user" : "domain");
            byte[] ntHash = new Md4().Compute(Unicode(password));
            return new Hmac(new Md5(), ntHash).Compute(Unicode(Upper(user) + domain));
        }

        /// <summary>The results of ComputeResponse (§3.3.2).</summary>
        public sealed class Responses
        {
            public byte[] NtChallengeResponse;
            public byte[] LmChallengeResponse;
            public byte[] NtProofStr;
            public byte[] SessionBaseKey;
        }

        /// <summary>ComputeResponse for NTLMv2 (§3.3.2):
        /// temp = 0x01 0x01 Z(6) Time ClientChallenge Z(4) ServerName Z(4);
        /// NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge + temp); NtChallengeResponse = NTProofStr + temp;
        /// LmChallengeResponse = HMAC_MD5(ResponseKeyLM, ServerChallenge + ClientChallenge) + ClientChallenge;
        /// SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr).</summary>
        /// <param name="time">the 8-byte little-endian FILETIME</param>
        /// <param name="serverName">the TargetInfo AV pairs as they go into the response</param>
        public static Responses ComputeResponse(byte[] responseKeyNt, byte[] serverChallenge, byte[] clientChallenge, byte[] time, byte[] serverName)
        {
            if (responseKeyNt == null || serverChallenge == null || clientChallenge == null || time == null || serverName == null)
                throw new System.ArgumentNullException("ComputeResponse input");
            if (serverChallenge.Length != 8 || clientChallenge.Length != 8 || time.Length != 8)
                throw new System.ArgumentException("challenges and time are 8 bytes");
            byte[] temp = new byte[28 + serverName.Length + 4];
            temp[0] = 1;                                    // RespType
            temp[1] = 1;                                    // HiRespType
            System.Array.Copy(time, 0, temp, 8, 8);
            System.Array.Copy(clientChallenge, 0, temp, 16, 8);
            System.Array.Copy(serverName, 0, temp, 28, serverName.Length);

            Hmac hmac = new Hmac(new Md5(), responseKeyNt);
            hmac.Update(serverChallenge, 0, 8);
            hmac.Update(temp, 0, temp.Length);
            byte[] proof = hmac.Final();

            Responses r = new Responses();
            r.NtProofStr = proof;
            r.NtChallengeResponse = Concat(proof, temp);
            hmac.Update(serverChallenge, 0, 8);
            hmac.Update(clientChallenge, 0, 8);
            r.LmChallengeResponse = Concat(hmac.Final(), clientChallenge);
            r.SessionBaseKey = hmac.Compute(proof);
            return r;
        }

        /// <summary>SIGNKEY with extended session security (§3.4.5.2).</summary>
        public static byte[] SignKey(byte[] exportedSessionKey, bool client)
        {
            return Md5Of(exportedSessionKey, exportedSessionKey.Length, client ? ClientSigning : ServerSigning);
        }

        /// <summary>SEALKEY with extended session security (§3.4.5.3): the first 16, 7 or 5
        /// bytes of the key for 128-bit, 56-bit or 40-bit, hashed with the magic constant.</summary>
        public static byte[] SealKey(uint flags, byte[] exportedSessionKey, bool client)
        {
            if (!NtlmFlags.Has(flags, NtlmFlags.ExtendedSessionSecurity)) throw new System.ArgumentException("only extended session security keys are supported");
            int n = NtlmFlags.Has(flags, NtlmFlags.Negotiate128) ? 16 : NtlmFlags.Has(flags, NtlmFlags.Negotiate56) ? 7 : 5;
            return Md5Of(exportedSessionKey, n, client ? ClientSealing : ServerSealing);
        }

        /// <summary>MAC with extended session security (§3.4.4.2): Version 1,
        /// Checksum = HMAC_MD5(SigningKey, SeqNum + Message)[0..7], RC4-encrypted with handle
        /// when key exchange was negotiated (handle null otherwise), then SeqNum.</summary>
        public static byte[] Mac(Rc4 handle, byte[] signingKey, uint seqNum, byte[] message)
        {
            if (signingKey == null || message == null) throw new System.ArgumentNullException(signingKey == null ? "signingKey" : "message");
            byte[] seq = new byte[4];
            WriteUInt32(seq, 0, seqNum);
            Hmac hmac = new Hmac(new Md5(), signingKey);
            hmac.Update(seq, 0, 4);
            hmac.Update(message, 0, message.Length);
            byte[] digest = hmac.Final();
            byte[] sig = new byte[16];
            WriteUInt32(sig, 0, 1);
            if (handle != null) handle.Process(digest, 0, 8, sig, 4);
            else System.Array.Copy(digest, 0, sig, 4, 8);
            WriteUInt32(sig, 12, seqNum);
            return sig;
        }

        /// <summary>The connectionless RC4 handle for one message (§3.4): SealingKey' =
        /// MD5(SealingKey + SeqNum), a fresh handle per message.</summary>
        public static Rc4 ConnectionlessHandle(byte[] sealingKey, uint seqNum)
        {
            Md5 md5 = new Md5();
            md5.Update(sealingKey, 0, sealingKey.Length);
            byte[] seq = new byte[4];
            WriteUInt32(seq, 0, seqNum);
            md5.Update(seq, 0, 4);
            return new Rc4(md5.Final());
        }

        /// <summary>UTF-16LE, the NTLM "UNICODE()" (§2.2: Unicode strings are little-endian UTF-16).</summary>
        public static byte[] Unicode(string s)
        {
            byte[] b = new byte[s.Length * 2];
            for (int i = 0; i < s.Length; i++)
            {
                b[2 * i] = (byte)s[i];
                b[2 * i + 1] = (byte)(s[i] >> 8);
            }
            return b;
        }

        // Uppercase(User): culture-free; ASCII and Latin-1 letters (Windows upper-cases more,
        // user names outside Latin-1 are rare on phones and documented as a limit).
        private static string Upper(string s)
        {
            char[] c = s.ToCharArray();
            for (int i = 0; i < c.Length; i++)
            {
                char ch = c[i];
                if ((ch >= 'a' && ch <= 'z') || (ch >= '\u00e0' && ch <= '\u00fe' && ch != '\u00f7')) c[i] = (char)(ch - 32);
            }
            return new string(c);
        }

        private static byte[] Md5Of(byte[] key, int keyBytes, string magic)
        {
            Md5 md5 = new Md5();
            md5.Update(key, 0, keyBytes);
            byte[] m = Util.Ascii.GetBytes(magic);
            md5.Update(m, 0, m.Length);
            md5.Update(new byte[1], 0, 1);
            return md5.Final();
        }

        internal static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] r = new byte[a.Length + b.Length];
            System.Array.Copy(a, 0, r, 0, a.Length);
            System.Array.Copy(b, 0, r, a.Length, b.Length);
            return r;
        }

        internal static void WriteUInt32(byte[] b, int o, uint v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)(v >> 16);
            b[o + 3] = (byte)(v >> 24);
        }
    }
}
