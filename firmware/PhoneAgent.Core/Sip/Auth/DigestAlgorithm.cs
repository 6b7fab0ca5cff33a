namespace PhoneAgent.Core.Sip.Auth
{
    /// <summary>The Digest algorithms of RFC 7616 §3.3 and RFC 8760 §2 ("MD5", "SHA-256",
    /// "SHA-512-256" and their "-sess" variants), matched case-insensitively, with the hash
    /// behind each and the order of preference used when a server offers several
    /// (RFC 8760 §2.4 lets local policy choose; this phone takes the strongest).</summary>
    public static class DigestAlgorithm
    {
        public const int Unknown = 0;
        public const int Md5 = 1;
        public const int Md5Sess = 2;
        public const int Sha256 = 3;
        public const int Sha256Sess = 4;
        public const int Sha512_256 = 5;
        public const int Sha512_256Sess = 6;

        /// <summary>The algorithm named by an algorithm parameter; MD5 when absent
        /// (RFC 7616 §3.3: "If this is not present, it is assumed to be MD5").</summary>
        public static int Parse(string token)
        {
            if (token == null) return Md5;
            string t = Util.Ascii.Lower(token);
            if (t == "md5") return Md5;
            if (t == "md5-sess") return Md5Sess;
            if (t == "sha-256") return Sha256;
            if (t == "sha-256-sess") return Sha256Sess;
            if (t == "sha-512-256") return Sha512_256;
            if (t == "sha-512-256-sess") return Sha512_256Sess;
            return Unknown;
        }

        /// <summary>The canonical token ("SHA-512-256-sess"...), or null for Unknown.</summary>
        public static string Name(int algorithm)
        {
            switch (algorithm)
            {
                case Md5: return "MD5";
                case Md5Sess: return "MD5-sess";
                case Sha256: return "SHA-256";
                case Sha256Sess: return "SHA-256-sess";
                case Sha512_256: return "SHA-512-256";
                case Sha512_256Sess: return "SHA-512-256-sess";
                default: return null;
            }
        }

        /// <summary>The HashAlgorithm.Create name of the hash H (RFC 7616 §3.4.2: SHA-512-256
        /// is SHA-512/256 of FIPS 180-4 with its own initial values, not truncated SHA-512).</summary>
        public static string HashName(int algorithm)
        {
            switch (algorithm)
            {
                case Md5:
                case Md5Sess: return Crypto.HashAlgorithm.Md5Name;
                case Sha256:
                case Sha256Sess: return Crypto.HashAlgorithm.Sha256Name;
                case Sha512_256:
                case Sha512_256Sess: return Crypto.HashAlgorithm.Sha512_256Name;
                default: return null;
            }
        }

        /// <summary>A "-sess" variant: A1 includes the nonce and cnonce (RFC 7616 §3.4.2).</summary>
        public static bool IsSession(int algorithm)
        {
            return algorithm == Md5Sess || algorithm == Sha256Sess || algorithm == Sha512_256Sess;
        }

        /// <summary>Larger is stronger: SHA-512-256 > SHA-256 > MD5; a -sess variant ranks
        /// just above its plain form (same hash, fresh per-session key). 0 for Unknown.</summary>
        public static int Strength(int algorithm)
        {
            switch (algorithm)
            {
                case Md5: return 1;
                case Md5Sess: return 2;
                case Sha256: return 3;
                case Sha256Sess: return 4;
                case Sha512_256: return 5;
                case Sha512_256Sess: return 6;
                default: return 0;
            }
        }
    }
}
