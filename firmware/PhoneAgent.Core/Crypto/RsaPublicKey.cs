namespace PhoneAgent.Core.Crypto
{
    /// <summary>An RSA public key (n, e) and signature verification: PKCS#1 v1.5, RFC 8017 §8.2.2
    /// (the expected encoded message is built and compared whole, never parsed, so malleable
    /// padding cannot be accepted), and RSASSA-PSS, §8.1.2.</summary>
    public sealed class RsaPublicKey
    {
        public const int MinModulusBits = 512;
        public const int MaxModulusBits = 8192;

        private readonly uint[] _n;
        private readonly uint[] _e;
        private readonly int _bits;
        private readonly int _k;
        private Montgomery _mont;

        /// <summary>modulus and exponent as unsigned big-endian bytes.</summary>
        public RsaPublicKey(byte[] modulus, byte[] exponent)
        {
            if (modulus == null || exponent == null) throw new System.ArgumentNullException(modulus == null ? "modulus" : "exponent");
            _n = BigNat.FromBytes(modulus);
            _e = BigNat.FromBytes(exponent);
            _bits = BigNat.BitLength(_n);
            if (_bits < MinModulusBits || _bits > MaxModulusBits) throw new System.ArgumentException("RSA modulus of " + _bits.ToString() + " bits is outside 512..8192");
            if ((_n[0] & 1) == 0) throw new System.ArgumentException("RSA modulus is even");
            if (BigNat.BitLength(_e) < 2 || (_e[0] & 1) == 0) throw new System.ArgumentException("RSA exponent must be odd and at least 3");
            _k = (_bits + 7) / 8;
        }

        public int ModulusBits { get { return _bits; } }

        /// <summary>Verifies a PKCS#1 v1.5 signature over an already computed digest.</summary>
        public bool VerifyPkcs1(string hashName, byte[] digest, byte[] signature)
        {
            byte[] prefix = DigestInfoPrefix(hashName);
            if (prefix == null || digest == null || signature == null) return false;
            if (signature.Length != _k) return false;               // RFC 8017 §8.2.2 step 1
            uint[] s = BigNat.FromBytes(signature);
            if (BigNat.Compare(s, _n) >= 0) return false;           // §5.2.2: s must be < n
            if (_mont == null) _mont = new Montgomery(_n);
            byte[] em = BigNat.ToBytes(_mont.ModPow(s, _e), _k);
            int tLen = prefix.Length + digest.Length;
            if (_k < tLen + 11) return false;                       // §9.2 step 4
            // EM' = 0x00 || 0x01 || PS (0xFF...) || 0x00 || DigestInfo
            int psEnd = _k - tLen - 1;
            int diff = em[0] | (em[1] ^ 0x01) | em[psEnd];
            for (int i = 2; i < psEnd; i++) diff |= em[i] ^ 0xFF;
            for (int i = 0; i < prefix.Length; i++) diff |= em[psEnd + 1 + i] ^ prefix[i];
            for (int i = 0; i < digest.Length; i++) diff |= em[psEnd + 1 + prefix.Length + i] ^ digest[i];
            return diff == 0;
        }

        /// <summary>Verifies an RSASSA-PSS signature (RFC 8017 §8.1.2) over an already computed digest
        /// made with hashName; MGF1 with mgfHashName (§B.2.1). saltLength in octets, or -1 to
        /// accept whatever salt length the encoding shows.</summary>
        public bool VerifyPss(string hashName, byte[] digest, byte[] signature, string mgfHashName, int saltLength)
        {
            HashAlgorithm hash = HashAlgorithm.Create(hashName);
            HashAlgorithm mgfHash = HashAlgorithm.Create(mgfHashName);
            if (hash == null || mgfHash == null || digest == null || signature == null) return false;
            if (signature.Length != _k) return false;               // step 1
            uint[] s = BigNat.FromBytes(signature);
            if (BigNat.Compare(s, _n) >= 0) return false;           // step 2b, RSAVP1 §5.2.2 step 1
            if (_mont == null) _mont = new Montgomery(_n);
            uint[] m = _mont.ModPow(s, _e);
            // Step 2c: EM = I2OSP(m, emLen) with emBits = modBits - 1; when modBits is 1 mod 8,
            // emLen is k - 1 and an m needing k octets is "integer too large".
            int emBits = _bits - 1;
            int emLen = (emBits + 7) / 8;
            if (BigNat.BitLength(m) > 8 * emLen) return false;
            return EmsaPss.Verify(digest, BigNat.ToBytes(m, emLen), emBits, saltLength, hash, mgfHash);   // step 3
        }

        /// <summary>Hashes the message with the named hash and verifies.</summary>
        public bool VerifyPkcs1Data(string hashName, byte[] data, int offset, int count, byte[] signature)
        {
            HashAlgorithm h = HashAlgorithm.Create(hashName);
            return h != null && VerifyPkcs1(hashName, h.Compute(data, offset, count), signature);
        }

        /// <summary>DER of DigestInfo up to the digest (RFC 8017 §9.2 note 1), or null.</summary>
        public static byte[] DigestInfoPrefix(string hashName)
        {
            switch (hashName)
            {
                case HashAlgorithm.Md5Name: return Util.Hex.TryParse("3020300c06082a864886f70d020505000410");
                case HashAlgorithm.Sha1Name: return Util.Hex.TryParse("3021300906052b0e03021a05000414");
                case HashAlgorithm.Sha256Name: return Util.Hex.TryParse("3031300d060960864801650304020105000420");
                case HashAlgorithm.Sha384Name: return Util.Hex.TryParse("3041300d060960864801650304020205000430");
                case HashAlgorithm.Sha512Name: return Util.Hex.TryParse("3051300d060960864801650304020305000440");
                default: return null;
            }
        }

        /// <summary>RSAEP (RFC 8017 §5.1.1): m^e mod n as k octets; null when m is not below n.
        /// Internal: only padding schemes (RsaPkcs1Encryption) may apply the raw primitive.</summary>
        internal byte[] PublicOperation(byte[] input)
        {
            if (input == null) throw new System.ArgumentNullException(nameof(input));
            uint[] m = BigNat.FromBytes(input);
            if (BigNat.Compare(m, _n) >= 0) return null;            // §5.1.1 step 1
            if (_mont == null) _mont = new Montgomery(_n);
            return BigNat.ToBytes(_mont.ModPow(m, _e), _k);
        }

        /// <summary>k, the modulus length in octets (RFC 8017 §2).</summary>
        internal int ModulusLength { get { return _k; } }
    }
}
