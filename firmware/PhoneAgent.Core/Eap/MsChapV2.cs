using PhoneAgent.Core.Crypto;

namespace PhoneAgent.Core.Eap
{
    /// <summary>The MS-CHAP-V2 algorithms of RFC 2759 §8 and the MPPE key derivation of
    /// RFC 3079 §3.4 (used as the MSK of EAP-MSCHAPv2 and the ISK of PEAP). Passwords are
    /// UTF-16LE (RFC 2759 §8.3 "Unicode"), at most 256 characters. Stateless; nothing here
    /// logs or keeps a secret. DES and MD4 are broken and kept only because the protocol
    /// demands them (see Crypto/Des.cs, Crypto/Md4.cs).</summary>
    public static class MsChapV2
    {
        public const int ChallengeLength = 16;
        public const int NtResponseLength = 24;
        /// <summary>RFC 2759 §8.7: "S=" and 40 hexadecimal digits.</summary>
        public const int AuthenticatorResponseLength = 42;
        public const int MaxPasswordLength = 256;

        // RFC 2759 §8.7
        private static readonly byte[] Magic1 = Util.Ascii.GetBytes("Magic server to client signing constant");
        private static readonly byte[] Magic2 = Util.Ascii.GetBytes("Pad to make it do more than one iteration");
        // RFC 3079 §3.4
        private static readonly byte[] MasterMagic = Util.Ascii.GetBytes("This is the MPPE Master Key");
        private static readonly byte[] SendMagicClient = Util.Ascii.GetBytes("On the client side, this is the send key; on the server side, it is the receive key.");
        private static readonly byte[] RecvMagicClient = Util.Ascii.GetBytes("On the client side, this is the receive key; on the server side, it is the send key.");

        /// <summary>UTF-16LE of the password, the "Unicode" of RFC 2759 §8.3 (code units, no BOM).</summary>
        public static byte[] Unicode(string s)
        {
            if (s == null) throw new System.ArgumentNullException(nameof(s));
            byte[] b = new byte[s.Length * 2];
            for (int i = 0; i < s.Length; i++)
            {
                b[2 * i] = (byte)s[i];
                b[2 * i + 1] = (byte)(s[i] >> 8);
            }
            return b;
        }

        /// <summary>RFC 2759 §8.3 NtPasswordHash: MD4 of the UTF-16LE password.</summary>
        public static byte[] NtPasswordHash(string password)
        {
            if (password == null) throw new System.ArgumentNullException(nameof(password));
            if (password.Length > MaxPasswordLength) throw new System.ArgumentException("MS-CHAPv2 passwords have at most 256 characters");
            byte[] u = Unicode(password);
            byte[] h = new Md4().Compute(u);
            System.Array.Clear(u, 0, u.Length);
            return h;
        }

        /// <summary>RFC 2759 §8.4 HashNtPasswordHash: MD4 of the 16-byte hash.</summary>
        public static byte[] HashNtPasswordHash(byte[] passwordHash)
        {
            Check(passwordHash, 16, "password hash");
            return new Md4().Compute(passwordHash);
        }

        /// <summary>The user name as hashed (RFC 2759 §8.2): without a "DOMAIN\" prefix.</summary>
        public static string StripDomain(string userName)
        {
            if (userName == null) throw new System.ArgumentNullException(nameof(userName));
            int i = userName.LastIndexOf('\\');
            return i < 0 ? userName : userName.Substring(i + 1);
        }

        /// <summary>RFC 2759 §8.2 ChallengeHash: the first 8 bytes of SHA-1(PeerChallenge ‖
        /// AuthenticatorChallenge ‖ UserName), UserName as ASCII/UTF-8 bytes without domain.</summary>
        public static byte[] ChallengeHash(byte[] peerChallenge, byte[] authenticatorChallenge, string userName)
        {
            Check(peerChallenge, ChallengeLength, "peer challenge");
            Check(authenticatorChallenge, ChallengeLength, "authenticator challenge");
            byte[] user = System.Text.Encoding.UTF8.GetBytes(StripDomain(userName));
            Sha1 sha = new Sha1();
            sha.Update(peerChallenge, 0, 16);
            sha.Update(authenticatorChallenge, 0, 16);
            sha.Update(user, 0, user.Length);
            byte[] d = sha.Final();
            byte[] c = new byte[8];
            System.Array.Copy(d, 0, c, 0, 8);
            return c;
        }

        /// <summary>RFC 2759 §8.5 ChallengeResponse: the password hash zero-padded to 21 bytes,
        /// cut into three 7-byte DES keys (§8.6, each spread over 8 bytes; parity ignored), each
        /// encrypting the 8-byte challenge.</summary>
        public static byte[] ChallengeResponse(byte[] challenge, byte[] passwordHash)
        {
            Check(challenge, 8, "challenge");
            Check(passwordHash, 16, "password hash");
            byte[] z = new byte[21];
            System.Array.Copy(passwordHash, 0, z, 0, 16);
            byte[] response = new byte[24];
            for (int i = 0; i < 3; i++)
            {
                byte[] key = ExpandDesKey(z, 7 * i);
                Des des = new Des(key);
                des.EncryptBlock(challenge, 0, response, 8 * i);
                des.Clear();
                System.Array.Clear(key, 0, 8);
            }
            System.Array.Clear(z, 0, z.Length);
            return response;
        }

        /// <summary>RFC 2759 §8.6 DesEncrypt's key: 56 bits from 7 bytes spread over the top
        /// 7 bits of 8 bytes (the low bit, DES parity, left 0: the cipher ignores it).</summary>
        public static byte[] ExpandDesKey(byte[] k, int offset)
        {
            byte[] key = new byte[8];
            key[0] = (byte)(k[offset] & 0xFE);
            key[1] = (byte)(((k[offset] << 7) | (k[offset + 1] >> 1)) & 0xFE);
            key[2] = (byte)(((k[offset + 1] << 6) | (k[offset + 2] >> 2)) & 0xFE);
            key[3] = (byte)(((k[offset + 2] << 5) | (k[offset + 3] >> 3)) & 0xFE);
            key[4] = (byte)(((k[offset + 3] << 4) | (k[offset + 4] >> 4)) & 0xFE);
            key[5] = (byte)(((k[offset + 4] << 3) | (k[offset + 5] >> 5)) & 0xFE);
            key[6] = (byte)(((k[offset + 5] << 2) | (k[offset + 6] >> 6)) & 0xFE);
            key[7] = (byte)((k[offset + 6] << 1) & 0xFE);
            return key;
        }

        /// <summary>RFC 2759 §8.1 GenerateNTResponse.</summary>
        public static byte[] GenerateNtResponse(byte[] authenticatorChallenge, byte[] peerChallenge, string userName, byte[] passwordHash)
        {
            byte[] challenge = ChallengeHash(peerChallenge, authenticatorChallenge, userName);
            return ChallengeResponse(challenge, passwordHash);
        }

        /// <summary>RFC 2759 §8.7 GenerateAuthenticatorResponse: the 20 bytes behind "S=".</summary>
        public static byte[] AuthenticatorResponse(byte[] passwordHash, byte[] ntResponse, byte[] peerChallenge,
            byte[] authenticatorChallenge, string userName)
        {
            Check(ntResponse, NtResponseLength, "NT-Response");
            byte[] hashHash = HashNtPasswordHash(passwordHash);
            Sha1 sha = new Sha1();
            sha.Update(hashHash, 0, 16);
            sha.Update(ntResponse, 0, 24);
            sha.Update(Magic1, 0, Magic1.Length);
            byte[] digest = sha.Final();
            byte[] challenge = ChallengeHash(peerChallenge, authenticatorChallenge, userName);
            sha.Update(digest, 0, 20);
            sha.Update(challenge, 0, 8);
            sha.Update(Magic2, 0, Magic2.Length);
            byte[] r = sha.Final();
            System.Array.Clear(hashHash, 0, 16);
            return r;
        }

        /// <summary>"S=" and the 40 upper-case hex digits, as the server sends it (§8.7).</summary>
        public static string FormatAuthenticatorResponse(byte[] authenticatorResponse)
        {
            Check(authenticatorResponse, 20, "authenticator response");
            string h = Util.Hex.Bytes(authenticatorResponse);
            char[] c = new char[42];
            c[0] = 'S';
            c[1] = '=';
            for (int i = 0; i < 40; i++)
            {
                char ch = h[i];
                c[2 + i] = ch >= 'a' && ch <= 'f' ? (char)(ch - 32) : ch;
            }
            return new string(c);
        }

        /// <summary>RFC 2759 §8.8 CheckAuthenticatorResponse: true when text[offset..] begins
        /// with "S=" and the 40 hex digits (either case) of expected. Constant time over the digits.</summary>
        public static bool CheckAuthenticatorResponse(byte[] expected, byte[] text, int offset, int count)
        {
            Check(expected, 20, "authenticator response");
            if (text == null || offset < 0 || count < AuthenticatorResponseLength || offset > text.Length - count) return false;
            if (text[offset] != (byte)'S' || text[offset + 1] != (byte)'=') return false;
            int diff = 0;
            for (int i = 0; i < 20; i++)
            {
                int hi = Nibble(text[offset + 2 + 2 * i]);
                int lo = Nibble(text[offset + 3 + 2 * i]);
                if (hi < 0 || lo < 0) return false;
                diff |= ((hi << 4) | lo) ^ expected[i];
            }
            return diff == 0;
        }

        /// <summary>RFC 3079 §3.4 GetMasterKey: 16 bytes of SHA-1(PasswordHashHash ‖ NT-Response ‖ Magic1).</summary>
        public static byte[] MasterKey(byte[] passwordHashHash, byte[] ntResponse)
        {
            Check(passwordHashHash, 16, "password hash hash");
            Check(ntResponse, NtResponseLength, "NT-Response");
            Sha1 sha = new Sha1();
            sha.Update(passwordHashHash, 0, 16);
            sha.Update(ntResponse, 0, 24);
            sha.Update(MasterMagic, 0, MasterMagic.Length);
            byte[] d = sha.Final();
            byte[] k = new byte[16];
            System.Array.Copy(d, 0, k, 0, 16);
            return k;
        }

        /// <summary>RFC 3079 §3.4 GetAsymmetricStartKey (16 bytes: 128-bit keys): SHA-1(MasterKey ‖
        /// 40 × 0x00 ‖ Magic ‖ 40 × 0xF2). send/server select Magic2 or Magic3 as §3.4 says.</summary>
        public static byte[] AsymmetricStartKey(byte[] masterKey, bool isSend, bool isServer)
        {
            Check(masterKey, 16, "master key");
            byte[] magic = isSend == isServer ? RecvMagicClient : SendMagicClient;
            byte[] pad = new byte[40];
            Sha1 sha = new Sha1();
            sha.Update(masterKey, 0, 16);
            sha.Update(pad, 0, 40);
            sha.Update(magic, 0, magic.Length);
            for (int i = 0; i < 40; i++) pad[i] = 0xF2;
            sha.Update(pad, 0, 40);
            byte[] d = sha.Final();
            byte[] k = new byte[16];
            System.Array.Copy(d, 0, k, 0, 16);
            return k;
        }

        /// <summary>The peer's 32-byte MSK of EAP-MSCHAPv2 (the ISK of PEAP), as wpa_supplicant and
        /// hostapd derive it: MasterSendKey ‖ MasterReceiveKey from the peer's side (RFC 3079 §3.4).</summary>
        public static byte[] PeerMsk(byte[] passwordHash, byte[] ntResponse)
        {
            byte[] hashHash = HashNtPasswordHash(passwordHash);
            byte[] master = MasterKey(hashHash, ntResponse);
            byte[] send = AsymmetricStartKey(master, true, false);
            byte[] recv = AsymmetricStartKey(master, false, false);
            byte[] msk = new byte[32];
            System.Array.Copy(send, 0, msk, 0, 16);
            System.Array.Copy(recv, 0, msk, 16, 16);
            System.Array.Clear(hashHash, 0, 16);
            System.Array.Clear(master, 0, 16);
            return msk;
        }

        private static int Nibble(byte ch)
        {
            if (ch >= (byte)'0' && ch <= (byte)'9') return ch - '0';
            if (ch >= (byte)'a' && ch <= (byte)'f') return ch - 'a' + 10;
            if (ch >= (byte)'A' && ch <= (byte)'F') return ch - 'A' + 10;
            return -1;
        }

        private static void Check(byte[] b, int length, string what)
        {
            if (b == null) throw new System.ArgumentNullException(what);
            if (b.Length != length) throw new System.ArgumentException(what + " must be " + length.ToString() + " bytes");
        }
    }
}
